# A deep, long-lived structure built while lots of short-lived garbage is made
tree = nil
400.times do |i|
  tree = [tree, "node#{i}", { i => [i] * 3 }]
  _junk = Array.new(5) { "junk#{i}" }
end
depth = 0
t = tree
while t
  depth += 1
  t = t[0]
end
p depth
p tree[1], tree[2]
t = tree
100.times { t = t[0] }
p t[1], t[2]
strs = []
100.times { |i| strs << ("x" * i).freeze }
p strs.map(&:size).sum, strs.all?(&:frozen?)
lst = (1..2000).map { |i| i.to_s }
p lst.map(&:to_i).sum
h = {}
(1..500).each { |i| h[[i, i.to_s]] = { v: i } }
p h[[250, "250"]], h.size
