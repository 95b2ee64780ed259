# Module#dup and #clone (methods, singleton methods, constants, class variables, prepended
# and extended modules), class names under anonymous modules (temporary, then permanent),
# Module#to_s, module_function with and without arguments
def t
  p yield
rescue => e
  p [e.class, e.message.lines.first.chomp.gsub(/0x\h+/, "XX")]
end
module TestModuleDup
  @@cvar = :cvar
  CONST = 1
  @iv = :iv
  class << self
    attr_accessor :cattr
    def cmeth; :cmeth end
  end
  def cvar; @@cvar end
  def imeth; :imeth end
  self.cattr = :cattr
end
m = TestModuleDup.dup
o = Class.new { include m }.new
t { [m.cattr, m.cmeth, o.cvar, o.imeth, m.frozen?, m.name, m::CONST, m.instance_variable_get(:@iv)] }
t { m.to_s.sub(/0x\h+/, "XX") }
t { TestModuleDup.freeze.dup.frozen? }
t { TestModuleDup.clone.frozen? }
t { TestModuleDup.clone(freeze: false).frozen? }
m.cattr = :changed
t { [m.cattr, TestModuleDup.cattr] }
module M1; def foo; true; end; end
class B; include M1.clone; end
t { B.new.foo }
t { B.ancestors.size }
module Outer
  class Inner; end
  const_set :SetInner, Class.new
end
t { [Outer.to_s, Outer::Inner.to_s, Outer::SetInner.to_s] }
outer = Module.new do
  const_set :SetInner, Class.new
end
t { outer::SetInner.to_s.gsub(/0x\h+/, "XX") }
Object.const_set :SetOuter, outer
t { [SetOuter.to_s, SetOuter::SetInner.to_s] }
t { (FrozenClassToS = Class.new.freeze).to_s }
t { (Outer::A = Module.new.freeze).to_s }
t { (Module.new::A = Class.new.freeze).to_s.gsub(/0x\h+/, "XX") }
t { Class.new.to_s.gsub(/0x\h+/, "XX") }
t { Module.new.inspect.gsub(/0x\h+/, "XX") }
t { Class.new.name }
x = Module.new
y = Module.new
x.const_set(:Y, y)
t { y.name.gsub(/0x\h+/, "XX") }
X = x
t { [y.name, y.to_s, x.name] }
# dup / clone of classes
class Pt; attr_accessor :a; def initialize(a) = @a = a; def self.make = new(1); end
Q = Pt.dup
t { [Q.make.a, Q.name, Q.superclass, Q.new(2).is_a?(Pt)] }
t { Pt.clone.name }
c = Comparable.clone
t { [c.instance_method(:<).owner == c, c.name] }
# module_function toggle
mod = Module.new do
  module_function
  def foo; 42; end
  def bar; 43; end
  public
  def baz; 44; end
end
t { [mod.foo, mod.bar, mod.respond_to?(:baz), mod.private_instance_methods.sort, mod.public_instance_methods.sort] }
module MF
  module_function
  def one = 1
  private
  def two = 2
end
t { [MF.one, MF.respond_to?(:two)] }
t { MF.send(:module_function).inspect }
t { Module.new { p module_function; p module_function(:to_s) }.then { |m| [m.private_instance_methods(false), m.singleton_methods] } }
t { Module.new { module_function :no_such_method } }.then { nil }
t { Class.new { module_function } }
t { Comparable.send(:module_function, :nope) }
mf2 = Module.new do
  def helper = :h
  module_function :helper, :to_s
end
t { [mf2.helper, mf2.private_instance_methods.sort, mf2.singleton_methods.sort] }
# toggle inside a nested block and across reopenings
module Tog
  module_function
  def a = :a
end
module Tog
  def b = :b
end
t { [Tog.respond_to?(:a), Tog.respond_to?(:b), Tog.public_instance_methods.sort] }
# names: two levels of anonymous modules, named from the top
l1 = Module.new
l2 = Module.new
l3 = Class.new
l1.const_set(:L2, l2)
l2.const_set(:L3, l3)
t { l3.name.gsub(/0x\h+/, "XX") }
Named = l1
t { [l1.name, l2.name, l3.name, l3.to_s, l3.inspect] }
Other = l3
t { [l3.name, Other.name] }
t { Module.new.tap { |m| m.const_set(:Q, Named) }.then { Named.name } }
# dup/clone of a class with prepended and extended modules
module Pre; def v = [:pre, *super]; end
module Ext; def e = :e; end
class Orig; prepend Pre; extend Ext; def v = [:orig]; @civ = 7; @@cv = 8; def cv = @@cv; end
d = Orig.dup
t { [d.new.v, d.ancestors.include?(Pre), d.e, d.instance_variable_get(:@civ), d.class_variable_get(:@@cv), d.new.cv] }
t { [d.instance_method(:v).owner == d, d.name, d.to_s == d.inspect] }
