# A call site that sees a type change after warming up (deoptimisation material)
def add(a, b) = a + b
r = []
10_000.times { |i| add(i, 1) }
r << add(1, 2)
r << add(1.5, 2)
r << add("a", "b")
r << add([1], [2])
r << add(2**62, 2**62)
r << add(-(2**62), -(2**62) - 10)
p r
def cmp(a, b) = a < b
10_000.times { |i| cmp(i, 5000) }
p cmp(1.0, 2), cmp("a", "b"), cmp(2**70, 1)
def get(o) = o.val
class X; def val = :x; end
class Y; def val = :y; end
10_000.times { get(X.new) }
p get(Y.new), get(X.new)
def overflow(n) = n * 2
v = 1
70.times { v = overflow(v) }
p v
def idx(a, i) = a[i]
5000.times { |i| idx([1, 2, 3], i % 3) }
p idx({ 1 => :h }, 1), idx("str", 1), idx(0b101, 2)
