# Struct
Point = Struct.new(:x, :y)
a = Point.new(1, 2)
p a
p a.x, a.y, a[0], a[:y], a["x"]
a.x = 10
p a.x
p a.to_a, a.to_h
p a == Point.new(10, 2)
p a.eql?(Point.new(10, 2))
p a.members, Point.members
p Point.new(1)
p a.size
x, y = *a
p [x, y]
p Point.new(3, 4).each.to_a
Pt3 = Struct.new(:x, :y, :z) do
  def sum = x + y + z
  def to_s = "(#{x},#{y},#{z})"
end
q = Pt3.new(1, 2, 3)
p q.sum
puts q
p q
KW = Struct.new(:a, :b, keyword_init: true)
p KW.new(a: 1, b: 2)
h = { Point.new(1, 1) => :v }
p h[Point.new(1, 1)]
p Point.ancestors.include?(Struct)
p Point.superclass
begin
  Point.new(1, 2, 3)
rescue ArgumentError => e
  puts e.message
end
begin
  a[:nope]
rescue NameError => e
  puts e.message.lines.first.chomp
end
b = a.dup
b.x = 99
p a.x
p [Point.new(2, 1), Point.new(1, 5)].sort_by(&:x)
p a.values_at(1, 0)
