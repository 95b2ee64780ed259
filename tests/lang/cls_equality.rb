# ==, equal?, eql?, hash and their use by Hash and Array
class Pt
  attr_reader :x, :y
  def initialize(x, y) = (@x, @y = x, y)
  def ==(o) = o.is_a?(Pt) && x == o.x && y == o.y
  alias eql? ==
  def hash = [x, y].hash
end
a = Pt.new(1, 2)
b = Pt.new(1, 2)
c = Pt.new(2, 1)
p a == b
p a.equal?(b)
p a.eql?(b)
p a == c
p a != c
p a.hash == b.hash
h = { a => :first }
p h[b]
p h.key?(Pt.new(1, 2))
p [a, b, c].uniq.size
p [a].include?(b)
p [a, c].index(b)
p [a, b] - [b]
class Plain; end
x = Plain.new
y = Plain.new
p x == y
p x.eql?(y)
p x == x
p({ x => 1 }[y])
p 1 == 1.0
p 1.eql?(1.0)
p 1.hash == 1.0.hash
p "a".eql?("a")
p "a".hash == "a".hash
p :a.hash == :a.hash
p [1, [2]].hash == [1, [2]].hash
p({ a: 1 }.hash == { a: 1 }.hash)
p 1.0.eql?(1.0)
p nil.hash == nil.hash
p [1, 2].eql?([1, 2])
p [1, 2].eql?([1.0, 2])
p [1, 2] == [1.0, 2]
h2 = { 1 => :int }
p h2[1.0]
p 2**64 == 2**64
p (2**64).eql?(2**64)
p "x".equal?("x")
p :x.equal?(:x)
p 3.equal?(3)
p nil.equal?(nil)
