# private/public/module_function with no arguments inside Module.new / Class.new / class_eval blocks
mod = Module.new do
  module_function
  def foo = 42
  def bar = 43
  public
  def baz = 44
end
p mod.foo, mod.bar, mod.respond_to?(:baz)
p mod.private_instance_methods.sort, mod.public_instance_methods.sort
k = Class.new do
  private
  def hidden = 1
  public
  def shown = hidden + 1
end
p k.new.shown, k.private_instance_methods(false), k.public_instance_methods(false)
class Reopen; end
Reopen.class_eval do
  private
  def sec = :s
end
p Reopen.private_method_defined?(:sec)
