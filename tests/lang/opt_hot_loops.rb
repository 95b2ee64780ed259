# Hot loops with integer, float and array operations (JIT warm-up material)
sum = 0
i = 0
while i < 200_000
  sum += i & 7
  i += 1
end
p sum
f = 0.0
100_000.times { |k| f += k * 0.5 }
p f
arr = Array.new(1000) { |k| k }
tot = 0
50.times { arr.each { |v| tot += v } }
p tot
h = {}
20_000.times { |k| h[k % 100] = (h[k % 100] || 0) + 1 }
p h.size, h[7]
s = 0
1.upto(50_000) { |n| s += n.even? ? n : -n }
p s
def poly(x) = x * x + 2 * x + 1
acc = 0
50_000.times { |n| acc += poly(n) % 7 }
p acc
big = 0
10_000.times { |n| big += 2**62 + n }
p big
