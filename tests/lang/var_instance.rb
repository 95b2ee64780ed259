# Instance variables
class Box
  def initialize(v)
    @v = v
  end
  def v = @v
  def set(x)
    @v = x
    self
  end
  def unset = @nothing
  def count
    @n ||= 0
    @n += 1
  end
end
b = Box.new(3)
p b.v
p b.set(4).v
p b.unset
p b.count
p b.count
p b.instance_variables
p b.instance_variable_get(:@v)
b.instance_variable_set(:@w, 9)
p b.instance_variables
p b.instance_variable_defined?(:@w)
p b.instance_variable_defined?(:@zz)
@top = "main ivar"
p @top
p self.instance_variables
class Box
  @class_level = :on_class
  def self.cl = @class_level
end
p Box.cl
p Box.instance_variables
o = Object.new
p o.instance_variables
p o.instance_variable_get(:@missing)
