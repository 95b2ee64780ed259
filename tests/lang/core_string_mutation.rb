# Mutating String methods and identity
s = +"abc"
s << "def"
p s
s.concat("g", "h")
p s
s.upcase!
p s
p s.downcase!
p s.downcase!
t = "hello"
t[0] = "J"
p t
t[1..2] = "EE"
p t
t.insert(2, "--")
p t
t.replace("new")
p t
t.prepend(">")
p t
u = "  x  "
u.strip!
p u
p u.strip!
v = "aaa"
p v.sub!("a", "b"), v
p v.gsub!("z", "y")
w = "chars"
w.reverse!
p w
w.slice!(0)
p w
w.clear
p w, w.empty?
a = "same"
b = a
b << "!"
p a
c = a.dup
c << "?"
p a, c
d = "x"
d += "y"
p d
e = "abc"
e.freeze
p e.frozen?, e.upcase.frozen?
f = "tr"
f.tr!("t", "T")
p f
g = "line\n"
g.chomp!
p g
h = "hello"
h.squeeze!("l")
p h
i = "ab"
i *= 2
p i
p "ab".succ!
