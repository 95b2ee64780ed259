# recv&.attr op= v does nothing when recv is nil, not even the right side (mruby syntax.rb)
p(nil&.foo += 5)
p(nil&.foo ||= 5)
e = false
nil&.foo += (e = true; 1)
p e
A = Struct.new(:x)
a = A.new(10)
a&.x += 5
p a.x
p(a&.x ||= 7)
x = nil
x&.y += 1
p x
