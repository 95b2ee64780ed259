# Closures capture variables, not values
x = 1
add = ->(y) { x + y }
p add.(1)
x = 100
p add.(1)
def make_counter
  count = 0
  inc = -> { count += 1 }
  get = -> { count }
  [inc, get]
end
inc, get = make_counter
inc.call
inc.call
p get.call
inc2, get2 = make_counter
inc2.()
p [get.call, get2.call]
procs = []
[1, 2, 3].each { |i| procs << -> { i * 10 } }
p procs.map(&:call)
procs = []
i = 0
while i < 3
  procs << -> { i }
  i += 1
end
p procs.map(&:call)
def adder(n) = ->(m) { n + m }
a5 = adder(5)
a9 = adder(9)
p [a5[1], a9[1]]
acc = []
collect = proc { |v| acc << v }
[1, 2].each(&collect)
p acc
outer = 1
l = lambda do
  inner = 2
  -> { outer + inner }
end
p l.call.call
v = 10
1.times { v += 5 }
p v
z = 0
[1, 2, 3].each { |e| z += e }
p z
def mk
  s = "start"
  [-> { s << "!" }, -> { s }]
end
app, rd = mk
app.call; app.call
p rd.call
