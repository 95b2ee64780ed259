# Mutating Array methods
a = [1, 2, 3]
a << 4
a.push(5, 6)
p a
p a.pop, a.pop(2), a
a.unshift(0)
p a
p a.shift, a
a.insert(1, :x, :y)
p a
p a.delete(:x), a
p a.delete(:none)
p a.delete_at(0), a
a.concat([7, 8])
p a
a[0] = :first
a[10] = :far
p a
a.compact!
p a
a.map! { |x| x.to_s }
p a
a.select! { |x| x.size == 1 }
p a
a.reject! { |x| x == "7" }
p a
a.reverse!
p a
a.sort!
p a
a.fill(0)
p a
b = [3, 1, 2]
b.sort_by! { |x| -x }
p b
b.clear
p b
c = [1, 2, 2, 3, 1]
p c.uniq!, c
p c.uniq!
d = [1, [2, [3]]]
d.flatten!
p d
e = [1, 2, 3, 4, 5]
e[1..2] = [:a]
p e
e[0, 0] = [:start]
p e
p e.slice!(1, 2), e
f = [1, 2, 3, 4]
f.delete_if(&:even?)
p f
f.keep_if { |x| x > 1 }
p f
g = %w[b a c]
g.replace(%w[z])
p g
h = [1, 2, 3]
h.rotate!
p h
h.shuffle!
p h.sort
i = [5, 6]
p i.freeze.frozen?
j = Array.new(2) { [] }
j[0] << 1
p j
k = Array.new(2, [])
k[0] << 1
p k
