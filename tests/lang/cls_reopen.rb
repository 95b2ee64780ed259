# Reopening classes, including core classes
class Point
  def initialize(x) = @x = x
  def x = @x
end
class Point
  def double = @x * 2
  def x = "redefined #{@x}"
end
pt = Point.new(4)
p pt.double
p pt.x
class Integer
  def double = self * 2
  def minutes = self * 60
end
p 5.double
p 2.minutes
class String
  def shout = upcase + "!"
  def palindrome? = self == reverse
end
p "hi".shout
p "racecar".palindrome?
p "kiln".palindrome?
class Array
  def second = self[1]
end
p [1, 2, 3].second
class Hash
  def symbolize = transform_keys(&:to_sym)
end
p({ "a" => 1 }.symbolize)
class NilClass
  def empty? = true
end
p nil.empty?
class Symbol
  def <=>(o) = to_s <=> o.to_s
end
p %i[b c a].sort
class Integer
  alias_method :old_plus, :+
  def plus_one = old_plus(1)
end
p 41.plus_one
module Kernel
  def kernel_helper = :kh
end
p kernel_helper
p 1.kernel_helper
class Object
  def try_it(m) = respond_to?(m) ? send(m) : nil
end
p "x".try_it(:upcase)
p 5.try_it(:nope)
class Float
  def half = self / 2
end
p 3.0.half
