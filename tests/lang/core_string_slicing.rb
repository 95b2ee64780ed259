# String indexing and slicing forms
s = "hello world"
p s[0], s[-1], s[4], s[11], s[20]
p s[0, 5], s[6, 100], s[11, 1], s[12, 1], s[-5, 3]
p s[0..4], s[0...4], s[6..], s[..4], s[-5..], s[3..2], s[11..]
p s["world"], s["xyz"]
p s[/o\s?w/]
p s.slice(0, 2), s.byteslice(0, 3)
p s.chars.values_at(0, 2, 4).join
t = s.dup
t[0, 5] = "HOWDY"
p t
t[-5..] = "there"
p t
t["there"] = "you"
p t
t[/H\w+/] = "hi"
p t
u = "abc"
u[1] = ""
p u
begin
  u[5] = "x"
rescue IndexError => e
  p e.message
end
p "abc"[1..-1], "abc"[-2..-1], "abc"[0..-2]
p "abcdef".each_char.each_slice(2).map(&:join)
p "abcdef".scan(/../)
p "hello"[1] + "hello"[-1]
