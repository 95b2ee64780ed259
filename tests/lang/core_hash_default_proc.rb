# Hash defaults: value, block, default_proc, fetch vs []
h = Hash.new(:dflt)
p h[:x], h.size, h.fetch(:x, :fetched)
shared = Hash.new([])
shared[:a] << 1
p shared[:b], shared.size
fixed = Hash.new { |hash, key| hash[key] = [] }
fixed[:a] << 1
p fixed, fixed[:b], fixed.size
lazy = Hash.new { |_, k| k.to_s * 2 }
p lazy[:ab], lazy.key?(:ab)
nested = Hash.new { |hh, k| hh[k] = Hash.new(0) }
nested[:x][:y] += 1
nested[:x][:y] += 1
nested[:z][:w] += 5
p nested
p nested.default_proc.class, Hash.new(1).default
counts = "hello world".chars.each_with_object(Hash.new(0)) { |c, acc| acc[c] += 1 }
p counts.sort_by { |c, n| [-n, c] }.first(3)
h2 = { a: 1 }
h2.default = 0
p h2[:zz] + 1
p h2.dig(:a)
memo = Hash.new { |m, n| m[n] = n <= 1 ? n : m[n - 1] + m[n - 2] }
p memo[80]
p Hash.new { 1 }.to_a
