# Ternary operator
p true ? 1 : 2
p nil ? 1 : 2
x = 5
p x > 3 ? "big" : "small"
p x > 10 ? "huge" : x > 3 ? "big" : "small"
p (x.even? ? :even : :odd)
y = x ? x : 0
p y
def sign(n) = n > 0 ? 1 : n < 0 ? -1 : 0
p [sign(5), sign(-3), sign(0)]
p x==5 ? :five : :other
a = [1, 2]
p a.empty? ? "empty" : "has #{a.size}"
p((x > 3) ? [1, 2] : {})
z = true ?
  :multi :
  :line
p z
p false ? 1 : nil
b = 1 ? :t : :f
p b
