# instance_variable_get/set, instance_variables, const_get/const_set/const_defined?
class Box
  A = 1
  def initialize = (@a = 1; @b = "two")
end
b = Box.new
p b.instance_variables
p b.instance_variable_get(:@a)
p b.instance_variable_get("@b")
p b.instance_variable_set(:@c, [3])
p b.instance_variables
p b.instance_variable_defined?(:@c)
p b.remove_instance_variable(:@a)
p b.instance_variables
begin
  b.instance_variable_get(:bad)
rescue NameError => e
  puts e.message.lines.first.chomp
end
p Box.const_get(:A)
p Box.const_get("A")
p Object.const_get(:Box) == Box
p Object.const_get("Box::A")
p Box.const_set(:B, 2)
p Box::B
p Box.const_defined?(:B)
p Box.const_defined?(:Z)
p Box.const_defined?(:String)
p Box.const_defined?(:String, false)
p Box.constants.sort
begin
  Box.const_get(:Nope)
rescue NameError => e
  puts e.message.lines.first.chomp
  p e.name
end
begin
  Box.const_set(:lower, 1)
rescue NameError => e
  puts e.message.lines.first.chomp
end
p Math.const_get(:PI).round(3)
Object.const_set(:DYN, :dynamic)
p DYN
m = Module.new
m.const_set(:K, 5)
p m::K
p m.constants
