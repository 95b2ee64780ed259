# rescue modifier
x = (raise "boom" rescue "rescued value")
p x
y = Integer("nope") rescue -1
p y
z = [1, 2].fetch(10) rescue :default
p z
def risky = raise(ArgumentError, "risky")
v = risky rescue $!.class
p v
p((1 / 0 rescue Float::INFINITY))
w = nil
w = (nil.upcase rescue "fixed")
p w
arr = [1, 0, 2].map { |d| 10 / d rescue :inf }
p arr
class Foo
  def val = (@x.fetch(:k) rescue :none)
end
p Foo.new.val
a = b = (raise "x" rescue 5)
p [a, b]
def m = Integer("5") rescue 0
p m
begin
  raise Exception, "not standard" rescue p :no
rescue Exception => e
  p e.message
end
q = (raise "r" rescue raise "again" rescue "second rescue")
p q
