# Block-local variables and parameter shadowing
x = 10
[1].each { |i; x| x = i }
p x
y = 1
[2].each { |y| y += 100 }
p y
z = 0
1.times { |;z| z = 99 }
p z
a = 5
blk = ->(b; a) { a = b * 2; a }
p blk.(4)
p a
count = 0
[1, 2, 3].each { count += _1 }
p count
def no_access
  defined?(count) ? :sees : :isolated
end
p no_access
total = 0
add_to = proc { |n| total += n }
add_to.(5)
add_to.(6)
p total
m = 1
define_singleton_method(:dm) { m += 1 }
dm
dm
p m
p [1, 2].map { |v, idx = :d| [v, idx] }
p [[1, 2]].map { |v, idx = :d| [v, idx] }
p [1].map { |v, *rest, last| [v, rest, last] }
p [1, 2].map { |a, b: :kw| [a, b] }
