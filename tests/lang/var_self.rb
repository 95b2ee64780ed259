# self in the different contexts
p self
p self.class
puts self.to_s
p self.inspect
class Foo
  p self
  def who = self.class
  def self.who = self
  class << self
    p self.inspect
    def sing = :sing
  end
  module_self = self
  p module_self == Foo
end
p Foo.new.who
p Foo.who
p Foo.sing
module Mo
  p self
end
o = Object.new
def o.me = self.class
p o.me
p [1].map { self }.first
p(lambda { self }.call)
p 1.instance_eval { self + 1 }
p "s".instance_exec(2) { |n| self * n }
