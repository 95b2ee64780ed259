# Redefining Integer#+ and friends must take effect on fast paths
def add(a, b) = a + b
p add(1, 2)
p 10.times.sum
class Integer
  alias_method :orig_plus, :+
  def +(other) = orig_plus(other).orig_plus(1000)
end
p add(1, 2)
p 1 + 1
x = 5
x += 1
p x
class Integer
  alias_method :+, :orig_plus
end
p add(1, 2)
class Integer
  def <(o) = true
end
p 5 < 3
i = 0
iters = 0
while i < 3
  iters += 1
  i = i.orig_plus(1)
  break if iters > 10
end
p iters
