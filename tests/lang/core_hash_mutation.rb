# Mutating Hash methods, defaults, order
h = {}
h[:z] = 1
h[:a] = 2
h[:m] = 3
p h
h[:z] = 10
p h
h.delete(:a)
p h
h[:a] = 4
p h
p h.delete(:nope)
p h.delete(:nope) { |k| "no #{k}" }
h.store(:s, 5)
p h
h.merge!(x: 1)
p h
h.update(z: 0)
p h
p h.shift
p h
h.select! { |k, v| v > 1 }
p h
h.reject! { |k, v| k == :s }
p h
h.transform_values!(&:to_s)
p h
h.clear
p h
c = Hash.new(0)
%w[a b a c a].each { |w| c[w] += 1 }
p c
p c["zz"]
p c.key?("zz")
d = Hash.new { |hash, k| hash[k] = k * 2 }
p d[3]
p d
lst = Hash.new { |hh, k| hh[k] = [] }
lst[:x] << 1
lst[:x] << 2
lst[:y] << 3
p lst
e = { a: 1 }
e.default = :dflt
p e[:missing]
f = { "k" => 1 }
key = "k2"
f[key] = 2
key << "!"
p f
p f.keys.map(&:frozen?)
g = { b: 1, a: 2 }
g.delete(:b)
g[:b] = 3
p g
p g.sort_by { |k, v| -v }.to_h
i = { a: 1 }
i.each { |k, v| i[k] = v + 1 }
p i
i.compare_by_identity
p i.compare_by_identity?
j = { 1 => :a }
j.default_proc = proc { |_, k| k * 10 }
p j[5]
p j.fetch(1)
p({ a: nil }.compact)
p({ a: 1 }.to_a.flatten)
