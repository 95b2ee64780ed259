# Caesar cipher, run-length encoding, and a Vigenere cipher
def caesar(s, k) = s.gsub(/[a-z]/i) { |c| base = c.ord < 97 ? 65 : 97; ((c.ord - base + k) % 26 + base).chr }
msg = "Hello, World! xyz"
enc = caesar(msg, 3)
p enc
p caesar(enc, -3)
p (0..25).map { |k| caesar("abc", k) }.last(3)
def rle(s) = s.chars.chunk_while { |a, b| a == b }.map { |run| "#{run.size}#{run[0]}" }.join
def unrle(s) = s.scan(/(\d+)(\D)/).map { |n, c| c * n.to_i }.join
p rle("aaabccddddde")
p unrle(rle("aaabccddddde"))
p rle("")
p rle("abc")
def vigenere(text, key, dir = 1)
  ks = key.downcase.chars.map { |c| c.ord - 97 }
  i = -1
  text.gsub(/[a-z]/) { |c| i += 1; ((c.ord - 97 + dir * ks[i % ks.size]) % 26 + 97).chr }
end
v = vigenere("attackatdawn", "lemon")
p v
p vigenere(v, "lemon", -1)
p "kiln vm".each_char.map { |c| c.ord.to_s(2).rjust(8, "0") }.join(" ")
p "hello".bytes.sum % 256
p "hello".tr("a-y", "b-z")
