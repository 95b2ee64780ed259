# Hooks: inherited, included, extended, prepended, method_added, const_missing
class Tracker
  def self.inherited(sub)
    super
    puts "inherited: #{sub}"
  end
  def self.method_added(m)
    puts "method_added: #{m}"
  end
  def foo; end
  attr_reader :bar
end
class Child < Tracker; end
module Plugin
  def self.included(base) = puts("included in #{base}")
  def self.extended(base) = puts("extended #{base.inspect}")
  def self.prepended(base) = puts("prepended to #{base}")
end
class Host1; include Plugin; end
class Host2; prepend Plugin; end
Host1.extend(Plugin)
class Lazy
  def self.const_missing(name) = "missing #{name}"
end
p Lazy::Anything
p Lazy::Other
class Counter
  @added = []
  def self.method_added(m) = @added << m
  def self.added = @added
  def a; end
  def b; end
  define_method(:c) {}
end
p Counter.added
module Registry
  @classes = []
  def self.classes = @classes
  def self.included(k) = @classes << k.name
end
class R1; include Registry; end
class R2; include Registry; end
p Registry.classes
