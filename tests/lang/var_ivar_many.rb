# Many instance variables, added in different orders (shape changes)
class Bag
  def initialize(order)
    order.each { |n| instance_variable_set("@v#{n}", n * 10) }
  end
  def sum = instance_variables.sum { |iv| instance_variable_get(iv) }
  def v3 = @v3
end
a = Bag.new([1, 2, 3, 4, 5])
b = Bag.new([5, 4, 3, 2, 1])
c = Bag.new([3])
p a.instance_variables
p b.instance_variables
p [a.sum, b.sum, c.sum]
p [a.v3, b.v3, c.v3, Bag.new([]).v3]
class Wide
  def initialize
    20.times { |i| instance_variable_set(:"@f#{i}", i) }
  end
  def f19 = @f19
  def f0 = @f0
end
w = Wide.new
p w.f19, w.f0
p w.instance_variables.size
objs = [a, b, c, a, b, c]
p objs.map(&:v3)
w.instance_variable_set(:@f0, :changed)
p w.f0
w.remove_instance_variable(:@f5)
p w.instance_variables.size
p w.instance_variable_get(:@f5)
p w.f19
