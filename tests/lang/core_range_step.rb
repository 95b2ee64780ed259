# Range iteration with step, string ranges, endless ranges with break, each_slice
p (1..10).step(2).to_a
p (1...10).step(3).to_a
p (0.0..1.0).step(0.25).to_a
p 1.step(10, 3).to_a
p (1..10).each_slice(4).map(&:sum)
p ("a".."e").step(2).to_a
p ("A".."C").map(&:downcase)
p ("y".."ab").to_a
out = []
(1..).each { |i| break if i > 5; out << i * i }
p out
p (1..Float::INFINITY).each_with_index.find { |v, i| v * i > 20 }
p 10.step(1, -3).to_a
p (1..3).cycle.first(7)
p (-2..2).map(&:abs).uniq
p (1..4).sum { |x| x * x }
p ('a'..'zz').count
p (1..10).select { |i| (i % 3).zero? }
p (1..0).sum, (1..0).to_a.max
