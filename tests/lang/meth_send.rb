# send, __send__, public_send, method, respond_to?
class Calc
  def add(a, b) = a + b
  def kw(x:, y: 1) = x * y
  def blk = yield(3)
  private def priv = :private_result
  protected def prot = :protected_result
end
c = Calc.new
p c.send(:add, 1, 2)
p c.send("add", 3, 4)
p c.__send__(:add, 5, 6)
p c.public_send(:add, 7, 8)
p c.send(:kw, x: 2, y: 5)
p c.send(:blk) { |v| v * 10 }
p c.send(:priv)
p c.__send__(:prot)
begin
  c.public_send(:priv)
rescue NoMethodError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
end
begin
  c.public_send(:prot)
rescue NoMethodError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
end
p 5.send(:+, 3)
p [3, 1, 2].send(:sort)
p "abc".public_send(:upcase)
m = c.method(:add)
p m.call(10, 20)
p m.arity
p m.name
p m.owner
p m.unbind.bind(Calc.new).call(1, 1)
p c.respond_to?(:add)
p c.respond_to?(:priv)
p c.respond_to?(:priv, true)
p c.respond_to?("add")
p 1.respond_to?(:+)
p nil.respond_to?(:foo)
ops = %i[+ - *]
p ops.map { |op| 10.send(op, 2) }
begin
  c.send(:nope)
rescue NoMethodError => e
  p e.name
end
p Calc.instance_method(:add).bind_call(c, 2, 2)
p c.public_methods(false).sort rescue p $!.class
