# alias, alias_method, undef, undef_method, remove_method
class Greeter
  def hello = "hello"
  alias hi hello
  alias :hey :hello
  alias_method :yo, :hello
  alias_method "sup", "hello"
  def hello = "HELLO (redefined)"
end
g = Greeter.new
p g.hello
p g.hi
p g.hey
p g.yo
p g.sup
p Greeter.instance_method(:hi).name
p Greeter.public_method_defined?(:yo)
class Greeter
  undef hey
  undef_method :yo
end
begin
  g.hey
rescue NoMethodError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
end
p g.respond_to?(:yo)
class Parent
  def m = :parent
end
class Kid < Parent
  def m = :kid
end
k = Kid.new
p k.m
class Kid
  remove_method :m
end
p k.m
class Kid
  undef_method :m
end
p k.respond_to?(:m)
$old = 1
alias $new_g $old
$new_g = 2
p $old
class String
  alias old_upcase upcase
  def shout = old_upcase + "!"
end
p "x".shout
p Greeter.instance_method(:hi) == Greeter.instance_method(:hello)
module AM
  def orig = 1
  p alias_method(:copy, :orig)
end
