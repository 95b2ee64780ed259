# Ruby 3.1 hash and keyword-argument value omission ({x:, y:}, f(x:))
x = 1
y = "two"
h = { x:, y: }
p h
def kw(x:, y: nil) = [x, y]
p kw(x:, y:)
p kw(x:)
def z = :method_value
p({ z: })
class Pt
  attr_reader :a, :b
  def initialize(a, b) = (@a, @b = a, b)
  def to_h = { a:, b: }
end
p Pt.new(3, 4).to_h
def m(**o) = o
p m(x:, y:)
p({ "s": 1, x: })
