# Endless method definitions
def sq(x) = x * x
def greet(name = "you") = "hi #{name}"
def none() = :none
def pred?(x) = x > 0
def multi(a, b) = [a, b].sum
def with_rescue(x) = Integer(x) rescue :bad
def self.cls_m = :singleton
p sq(7)
p greet
p greet("kiln")
p none
p pred?(1), pred?(-1)
p multi(2, 3)
p with_rescue("12")
p with_rescue("zz")
p cls_m
class Vec
  attr_reader :x, :y
  def initialize(x, y) = (@x, @y = x, y)
  def +(o) = Vec.new(x + o.x, y + o.y)
  def ==(o) = o.is_a?(Vec) && x == o.x && y == o.y
  def to_s = "Vec(#{x}, #{y})"
  def -@ = Vec.new(-x, -y)
  def [](i) = i == 0 ? x : y
end
v = Vec.new(1, 2) + Vec.new(3, 4)
puts v
p v == Vec.new(4, 6)
puts(-v)
p v[0], v[1]
def chain = [3, 1, 2].sort.map { _1 * 10 }
p chain
p (def foo = 1)
