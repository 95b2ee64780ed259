# Common Object/Kernel reflection methods
class Foo
  def bar = 1
  def baz(a, b = 1) = a
  protected def prot = 2
  private def priv = 3
end
f = Foo.new
p f.class
p f.class.name
p f.is_a?(Object)
p f.respond_to?(:bar)
p Foo.instance_methods(false).sort
p Foo.method_defined?(:bar)
p Foo.method_defined?(:priv)
p Foo.private_method_defined?(:priv)
p Foo.protected_method_defined?(:prot)
p f.methods.include?(:bar)
p f.methods.include?(:priv)
p f.private_methods.include?(:priv)
p f.nil?
p nil.nil?
p f.itself.equal?(f)
p f.then { |x| x.bar + 1 }
p f.tap { |x| puts "tapped #{x.bar}" }.bar
p f.instance_of?(Foo)
p 5.frozen?
p f.singleton_methods
p f.method(:baz).arity
p Foo.name
p Foo.to_s
p 1.instance_variables
p Foo.instance_method(:bar).class
p Foo.public_method_defined?(:bar)
p Object.new.to_s.start_with?("#<Object:0x")
p f.object_id.is_a?(Integer)
p f.object_id == f.object_id
p f.hash.is_a?(Integer)
p Kernel.respond_to?(:puts, true)
p f.instance_variable_get(:@none)
p Foo.class_eval { def added = :added; :ok }
p f.added
p Foo.instance_eval { self }
p f.instance_eval { bar + 10 }
