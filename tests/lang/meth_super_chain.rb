# super through modules, multiple levels, method_missing, class methods
module Loud
  def speak = super.upcase + "!"
end
module Polite
  def speak = "please, " + super
end
class Animal
  def speak = "hello"
  def self.create = "Animal.create"
end
class Dog < Animal
  include Loud
  include Polite
  def speak = "dog says " + super
  def self.create = super + " via Dog"
end
p Dog.new.speak
p Dog.ancestors.take(4)
p Dog.create
class A
  def initialize(x)
    @x = x
  end
  attr_reader :x
end
class B < A
  def initialize(x, y)
    super(x)
    @y = y
  end
  attr_reader :y
end
class C < B
  def initialize(*)
    super
  end
end
c = C.new(1, 2)
p [c.x, c.y]
class NoParent
  def foo = super
end
begin
  NoParent.new.foo
rescue NoMethodError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
end
module Pre
  def val = [:pre, super]
end
class Host
  prepend Pre
  def val = :host
end
p Host.new.val
class Base2
  def m(a, b = 2) = [a, b]
end
class Der2 < Base2
  def m(a, b = 3) = [yield, super]
end
p Der2.new.m(1) { :blk }
