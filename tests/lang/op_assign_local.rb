# Op-assign on locals
a = 5
a += 3
p a
a -= 1
p a
a *= 2
p a
a /= 3
p a
a %= 3
p a
a **= 5
p a
a <<= 2
p a
a |= 1
p a
a &= 6
p a
a ^= 3
p a
a >>= 1
p a
s = "x"
s += "y"
s *= 2
p s
b = nil
b ||= 10
p b
b ||= 20
p b
c = 1
c &&= c + 1
p c
d = nil
d &&= d + 1
p d
e = false
e ||= :was_false
p e
p(f ||= 7)
p f
arr = [1]
arr += [2]
arr -= [1]
p arr
r = nil
r ||= begin
  puts "computed once"
  42
end
r ||= begin
  puts "not computed"
  0
end
p r
