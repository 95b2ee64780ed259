# Class bodies run code; class definition values
puts "before"
class Foo
  puts "in body of #{self}"
  X = 1 + 1
  p X
  3.times { |i| define_method("m#{i}") { i } }
  p instance_methods(false).sort
  r = [1, 2].map { |v| v * 2 }
  p r
end
puts "after"
v = class Bar
  :last_value
end
p v
p (class Baz; end)
p (module Qux; 42; end)
p Foo.new.m2
class Foo
  if X > 1
    def big? = true
  else
    def big? = false
  end
end
p Foo.new.big?
p (def self.x; end)
class Empty; end
p Empty.new.class
p Empty.name
p Empty.to_s
p Empty.class
p Empty.instance_methods(false)
class Conditional
  [:a, :b].each do |n|
    attr_accessor n
  end
end
c = Conditional.new
c.a = 1
p c.a
p Conditional.public_instance_methods(false).sort
