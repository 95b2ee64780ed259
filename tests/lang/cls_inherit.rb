# Inheritance, method resolution, superclass chain
class Shape
  attr_reader :name
  def initialize(name) = @name = name
  def area = 0
  def describe = "#{name} with area #{area}"
  def to_s = "Shape(#{name})"
end
class Rect < Shape
  def initialize(w, h)
    super("rect")
    @w, @h = w, h
  end
  def area = @w * @h
end
class Square < Rect
  def initialize(s)
    super(s, s)
    @name = "square"
  end
end
class Circle < Shape
  def initialize(r) = (super("circle"); @r = r)
  def area = (3 * @r * @r)
end
shapes = [Rect.new(2, 3), Square.new(4), Circle.new(1), Shape.new("blob")]
shapes.each { |s| puts s.describe }
puts shapes[1]
p Square.superclass
p Square.superclass.superclass
p Shape.superclass
p Object.superclass
p BasicObject.superclass
p Square.ancestors.take_while { |c| c != Object }
p Square.new(1).is_a?(Shape)
p Square.new(1).kind_of?(Rect)
p Square.new(1).instance_of?(Rect)
p Square < Shape
p Shape < Square
p Square <= Square
p Rect <=> Square
p Circle < Rect
p Integer.superclass
p Integer.ancestors.include?(Comparable)
p Class.superclass
p Module.superclass
p StandardError.superclass
p Square.instance_method(:area).owner
class Counter
  def self.inherited(sub)
    (@subs ||= []) << sub.name
    super
  end
  def self.subs = @subs
end
class C1 < Counter; end
class C2 < Counter; end
p Counter.subs
