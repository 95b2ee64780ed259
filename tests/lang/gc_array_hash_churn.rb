# Allocation churn with arrays and hashes; nested structures stay intact
nested = []
200.times do |i|
  nested << { id: i, tags: Array.new(3) { |j| "t#{i}-#{j}" }, child: [i, [i * 2, { deep: i.to_s }]] }
end
p nested.size
p nested[150][:tags], nested[199][:child]
garbage = 0
1000.times do |i|
  tmp = Array.new(10) { |k| [k, i] }
  garbage += tmp.size
end
p garbage
p nested.sum { |h| h[:child][1][0] }
p nested.map { |h| h[:child][1][1][:deep] }.last(3)
big = (1..3000).to_a
p big.map { |x| x * 2 }.select(&:even?).sum
hh = Hash.new { |h, k| h[k] = [] }
1000.times { |i| hh[i % 7] << i }
p hh.keys.sort, hh[3].size, hh[6].last
m = (0...50).map { |i| (0...50).map { |j| i * j } }
p m.flatten.sum
