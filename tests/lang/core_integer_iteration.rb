# Integer iteration: times, upto, downto, step, each with enumerators
3.times { |i| print i }
puts
1.upto(5) { |i| print i }
puts
5.downto(1) { |i| print i }
puts
1.step(10, 4) { |i| print i, " " }
puts
10.step(1, -3) { |i| print i, " " }
puts
1.0.step(2.0, 0.5) { |f| print f, " " }
puts
p 3.times.map { |i| i * 2 }
p 1.upto(3).select(&:odd?)
p 0.times.to_a
p 5.downto(6).to_a
p 4.times.sum
p 1.step(by: 2, to: 7).to_a
r = 3.times { }
p r
r = 1.upto(2) { }
p r
acc = 0
1.upto(100) { |i| acc += i }
p acc
p 10.times.each_slice(3).map(&:sum)
p 5.times.with_index(1).map { |i, n| i * n }
p 3.times.cycle.first(7)
