# include and extend, module methods and constants
module Greet
  GREETING = "Hello"
  def greet = "#{GREETING}, #{name}"
end
module Farewell
  def bye = "Bye, #{name}"
  def greet = "Farewell's greet"
end
class Person
  include Greet
  attr_reader :name
  def initialize(n) = @name = n
end
class Robot
  include Greet, Farewell
  def name = "robot"
end
p Person.new("Ann").greet
p Robot.new.greet
p Robot.new.bye
p Robot.ancestors.take(3)
p Person.include?(Greet)
p Person.new("x").is_a?(Greet)
p Greet === Person.new("x")
obj = Object.new
def obj.name = "obj"
obj.extend(Farewell)
p obj.bye
p obj.singleton_class.include?(Farewell)
p obj.is_a?(Farewell)
module ClassMethods
  def build = new
end
class Widget
  extend ClassMethods
end
p Widget.build.class
module Hooked
  def self.included(base)
    puts "included in #{base}"
    base.extend(ClassMethods)
  end
  def self.extended(o) = puts("extended #{o.class}")
end
class Gadget
  include Hooked
end
p Gadget.build.class
Object.new.extend(Hooked)
module Util
  module_function
  def helper(x) = x * 3
end
p Util.helper(2)
class Greet2; include Util; def go = helper(1); end
p Greet2.new.go
class Twice
  include Greet
  include Greet
end
p Twice.ancestors.count(Greet)
p Greet.instance_methods
p Comparable.instance_of?(Module)
p Greet.class
