# Class.new, Module.new, anonymous classes, const assignment naming
Anon = Class.new do
  def hi = :hi
  attr_accessor :v
end
p Anon.new.hi
p Anon.name
k = Class.new(StandardError) do
  def message = "custom anon error"
end
p k.superclass
p k.name
begin
  raise k
rescue StandardError => e
  p e.message
end
Named = k
p k.name
p Named.new.class
m = Module.new do
  def from_mod = :mod
end
c = Class.new { include m }
p c.new.from_mod
p m.name.nil?
Wrapper = Module.new
Wrapper.const_set(:Inner, Class.new)
p Wrapper::Inner.name
x = 10
Closure = Class.new do
  define_method(:x) { x }
end
p Closure.new.x
Sub = Class.new(Anon) { def hi = [:sub, super] }
p Sub.new.hi
p Sub.superclass
p Class.new.new.class.class
p Class.new(Array).new([1, 2]).size
p Class.new.to_s.start_with?("#<Class:0x")
