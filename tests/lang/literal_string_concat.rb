# String literal concatenation, mutability and identity
a = "x" "y" "z"
p a
b = "multi" \
    "line"
p b
c = "lit"
d = "lit"
p c.equal?(d)
p c == d
e = 'single' "double #{1}"
p e
3.times.map { "same literal" }.each_cons(2) { |l, r| p l.equal?(r) }
f = "#{}" 
p f, f.empty?
g = "a" + "b" + "c"
p g
h = "%s" % "fmt" + "!"
p h
i = "abc" \
  'def'
p i
p "tab" "\t" "end"
p "a" "#{1 + 1}" "b"
