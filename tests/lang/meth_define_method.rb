# define_method, instance_method, method objects
class Dyn
  %w[red green blue].each_with_index do |c, i|
    define_method("#{c}?") { @color == c }
    define_method(:"idx_#{c}") { i }
  end
  define_method(:set) { |c| @color = c; self }
  define_method(:args) { |a, b = 2, *r, k: 0, &blk| [a, b, r, k, blk&.call] }
  m = instance_method(:set)
  define_method(:set2, m)
end
d = Dyn.new.set("green")
p d.red?, d.green?, d.blue?
p d.idx_blue
p d.args(1)
p d.args(1, 3, 4, k: 5) { :b }
p d.set2("red").red?
p Dyn.instance_method(:args).arity
p Dyn.new.method(:set).arity
l = Dyn.instance_method(:idx_red)
p l.class
p l.bind(Dyn.new).call
begin
  d.method(:set).call
rescue ArgumentError => e
  puts e.message
end
counter = 0
Dyn.define_method(:inc) { counter += 1 }
d.inc
Dyn.new.inc
p counter
o = Object.new
o.define_singleton_method(:hi) { |n| "hi #{n}" }
p o.hi("there")
p o.singleton_methods
um = Array.instance_method(:size)
p um.bind_call([1, 2, 3])
mo = [1, 2, 3].method(:map)
p mo.call { |x| x * 2 }
p mo.to_proc.call { |x| -x }
p 3.method(:+).to_proc.(4)
p method(:puts).owner
p method(:p).arity
