# Method and UnboundMethod objects
class Calc
  def initialize(base) = @base = base
  def add(x) = @base + x
  def sum(*xs) = xs.sum(@base)
end
c = Calc.new(10)
m = c.method(:add)
p m.call(5), m.(6), m[7]
p m.arity, c.method(:sum).arity
p m.name, m.owner, m.receiver.equal?(c)
p [1, 2, 3].map(&m)
um = m.unbind
p um.class, um.name
p um.bind(Calc.new(100)).call(1)
p Calc.instance_method(:sum).bind_call(Calc.new(1), 2, 3)
p m == c.method(:add), m.eql?(c.method(:add))
p m.to_proc.lambda?
p (m >> ->(v) { v * 2 }).call(1)
p (m << ->(v) { v * 2 }).call(1)
p 5.method(:+).call(3)
p [3, 1, 2].method(:sort).call
p method(:puts).arity, method(:print).owner
def kw_m(a, b = 1, *c, d:, e: 2, **f, &g); end
p method(:kw_m).parameters
p c.public_method(:add).call(1)
begin
  c.method(:nope)
rescue NameError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
end
p c.respond_to?(:add), Calc.method_defined?(:sum)
