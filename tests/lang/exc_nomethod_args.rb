# NoMethodError#args and #private_call?: given to NoMethodError.new (msg, name, args, priv,
# receiver:), and set by a failed call (with or without an explicit receiver)
a = NoMethodError.new("test", :test, [1, 2])
p a.args, a.name, a.message, a.private_call?
b = NoMethodError.new("m", :x, [3], true)
p b.args, b.private_call?
c = NoMethodError.new("m", :x, [3], receiver: 5)
p c.receiver, c.args, c.private_call?
d = NoMethodError.new
p d.args, d.name, d.message, d.private_call?
p NoMethodError.new("m").args, NoMethodError.new("m", :x).args
begin
  doesNotExistAsAMethodNameForVerySure 3, 1, 4
rescue NoMethodError => e
  p e.args, e.private_call?, e.name
end
begin
  nil.foo(1, [2])
rescue NoMethodError => e
  p e.args, e.private_call?, e.receiver
end
class Quiet
  def method_missing(name, *args) = name == :hush ? :ok : super
end
begin
  Quiet.new.loud(7, 8)
rescue NoMethodError => e
  p e.args, e.name, e.private_call?
end
p Quiet.new.hush
