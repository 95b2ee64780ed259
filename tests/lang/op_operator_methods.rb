# Defining operators on user classes
class Vec
  attr_reader :x, :y
  def initialize(x, y) = (@x, @y = x, y)
  def +(o) = Vec.new(x + o.x, y + o.y)
  def -(o) = Vec.new(x - o.x, y - o.y)
  def *(k) = Vec.new(x * k, y * k)
  def -@ = Vec.new(-x, -y)
  def +@ = self
  def ==(o) = o.is_a?(Vec) && [x, y] == [o.x, o.y]
  def [](i) = [x, y][i]
  def []=(i, v)
    i.zero? ? @x = v : @y = v
  end
  def <=>(o) = (x**2 + y**2) <=> (o.x**2 + o.y**2)
  include Comparable
  def !
    x.zero? && y.zero?
  end
  def ~ = Vec.new(y, x)
  def <<(v) = (@x += v; self)
  def call(n) = x * n
  def to_s = "(#{x}, #{y})"
  def coerce(n) = [Vec.new(n, n), self]
  def %(m) = Vec.new(x % m, y % m)
end
a = Vec.new(1, 2)
b = Vec.new(3, 4)
puts a + b, b - a, a * 3, -a, +a
p a == Vec.new(1, 2), a != b
p a[0], a[1]
a[1] = 20
puts a
p a < b, a > b
p [b, a].min.to_s
p !Vec.new(0, 0), !a
puts ~a
puts a << 5 << 5
p a.(2)
puts b % 3
p (b * 2).x
v = Vec.new(1, 1)
v += Vec.new(1, 1)
puts v
v *= 10
puts v
