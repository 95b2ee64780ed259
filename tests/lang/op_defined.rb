# defined?
a = 1
@iv = 2
$gv = 3
class Foo
  def bar; end
  def self.sbar; end
  @@cv = 1
  def cv = defined?(@@cv)
  def sup = defined?(super)
end
class Sub < Foo
  def bar = defined?(super)
  def sup = defined?(super)
end
p defined?(a)
p defined?(b)
p defined?(@iv)
p defined?(@no)
p defined?($gv)
p defined?($no)
p defined?(Foo)
p defined?(NoSuch)
p defined?(String.new)
p defined?(puts)
p defined?(nosuchmethod)
p defined?(Foo.sbar)
p defined?(Foo.nope)
p defined?(1 + 1)
p defined?(self)
p defined?(nil)
p defined?(true)
p defined?(a = 2)
p defined?(yield)
p defined?(Foo.new.cv)
p Foo.new.cv
p Sub.new.bar
p Foo.new.sup
p Sub.new.sup
p defined?(@@nope)
p defined?(Comparable::Nope)
p defined?([1].first)
p defined?(x.y)
p defined?(String::new)
p defined?(:sym)
p defined?("str")
p defined?(1..2)
def with_block = defined?(yield)
p with_block
p with_block { }
p defined?(Foo::Bar)
p defined?(raise)
