# Strings, bytes and UTF-8 characters
s = "héllo wörld"
p s.length
p s.bytesize
p s.reverse
p s.upcase
p s.chars.first(3)
p s[1]
p s.encoding
p "日本語".length
p "日本語".bytes.size
p "日本語".reverse
p "日本語"[1]
p "€".ord
p 8364.chr(Encoding::UTF_8)
p "abc".force_encoding("ASCII-8BIT").encoding
p "a".ascii_only?, "é".ascii_only?
p "é".bytes
p "\xff".valid_encoding?
p "ok".valid_encoding?
p "tschüß".center(10, "*")
p "añb".each_char.map(&:ord)
p "a😀b".length
p "a😀b".chars
