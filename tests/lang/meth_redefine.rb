# Redefining methods replaces them for existing objects and call sites
class Greeter
  def hi = "v1"
end
g = Greeter.new
call_site = -> { g.hi }
p call_site.call
class Greeter
  def hi = "v2"
end
p call_site.call
results = []
4.times do |i|
  results << g.hi
  if i == 1
    Greeter.class_eval { def hi = "v3" }
  end
end
p results
def top = 1
a = top
def top = 2
p [a, top]
class Greeter
  define_method(:hi) { "v4 (define_method)" }
end
p g.hi
def g.hi = "singleton wins"
p g.hi
p Greeter.new.hi
class << g
  remove_method :hi
end
p g.hi
module Extra
  def hi = "from module"
end
Greeter.include(Extra)
p g.hi
Greeter.send(:remove_method, :hi)
p g.hi
Greeter.prepend(Module.new { def hi = "prepended" })
p g.hi
