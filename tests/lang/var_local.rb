# Local variables: scope, shadowing, definedness
a = 1
p a
a += 1
p a
b = a * 10
p b
x = y = 5
p [x, y]
if false
  never = 1
end
p never
p defined?(zzz)
p defined?(a)
def m
  defined?(a) ? :visible : :invisible
end
p m
[1, 2].each { |i| a += i }
p a
[1].each { inner = 99 }
p defined?(inner)
c = 0
3.times { c += 1 }
p c
v = 10
[1].each { |v| v = 100 }
p v
w = 1
[1].each { |i; w| w = 50 }
p w
blk = 2
1.times do
  blk = blk * 3
end
p blk
_ignored = 7
p _ignored
i = 0
while i < 3
  inwhile = i
  i += 1
end
p inwhile
p(begin; q = 4; q * 2; end)
p q
