# Method caches: including a module, extending an object and adding to a superclass
class Base; end
class Kid < Base; end
k = Kid.new
def ask(o) = o.respond_to?(:hello) ? o.hello : :none
p ask(k)
class Base; def hello = :base; end
p ask(k)
module Loud; def hello = :loud; end
Kid.include(Loud)
p ask(k)
class Kid; def hello = :kid; end
p ask(k)
k.extend(Module.new { def hello = :extended })
p ask(k)
p ask(Kid.new)
class Kid; remove_method :hello; end
p ask(Kid.new)
Loud.send(:remove_method, :hello)
p ask(Kid.new)
results = []
5.times do |i|
  results << Kid.new.hello
  Base.class_eval { def hello = :base_v2 } if i == 2
end
p results
