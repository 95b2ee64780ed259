# Closure capture inside loops: block params are fresh, while-loop locals are shared
procs = []
3.times { |i| procs << -> { i } }
p procs.map(&:call)
procs = []
x = 0
3.times { x += 1; procs << -> { x } }
p procs.map(&:call)
procs = []
for i in 0..2
  procs << -> { i }
end
p procs.map(&:call)
procs = []
[1, 2, 3].each do |v|
  w = v * 2
  procs << -> { [v, w] }
end
p procs.map(&:call)
procs = []
n = 0
while n < 3
  m = n
  procs << -> { m }
  n += 1
end
p procs.map(&:call)
adders = (1..3).map { |k| ->(y) { y + k } }
p adders.map { |f| f.(10) }
shared = []
setter = nil
getter = nil
1.times do
  val = :initial
  setter = ->(v) { val = v }
  getter = -> { val }
end
setter.(:changed)
p getter.()
