# Class-level instance variables vs class variables under inheritance
class Base
  @count = 0
  @@shared = 0
  class << self
    attr_accessor :count
  end
  def self.create
    self.count = (count || 0) + 1
    @@shared += 1
    new
  end
  def self.shared = @@shared
end
class Sub < Base; end
Base.create
Base.create
Sub.create
p Base.count, Sub.count
p Base.shared, Sub.shared
p Base.instance_variables, Sub.instance_variables
p Base.class_variables, Sub.class_variables
class Config
  @defaults = { color: :red }
  def self.defaults = @defaults
  def self.inherited(sub)
    super
    sub.instance_variable_set(:@defaults, @defaults.dup)
  end
end
class MyConfig < Config; end
MyConfig.defaults[:color] = :blue
p Config.defaults, MyConfig.defaults
module Countable
  def self.extended(k) = k.instance_variable_set(:@n, 0)
  def incr = @n += 1
end
class Widget; extend Countable; end
Widget.incr
p Widget.incr
