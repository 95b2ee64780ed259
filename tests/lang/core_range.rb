# Range methods
r = (1..10)
p r.to_a
p r.sum, r.size, r.count, r.min, r.max, r.minmax
p r.include?(5), r.member?(11), r.cover?(3..4), r === 10
p (1...10).include?(10), (1...10).max
p r.select(&:even?)
p r.map { |x| x * x }.last(3)
p r.step(3).to_a
p r.each_slice(3).to_a
p r.first, r.first(3), r.last, r.last(2)
p r.inject(:*)
p ('a'..'e').include?("c"), ('a'..'e').include?("cc"), ('a'..'e').cover?("cc")
p (1.0..2.0).include?(1.5)
p (1..).take(3)
p (1..).each_slice(2).first(2)
p (..5).cover?(-100)
p (1..10) == (1..10), (1..10).eql?(1...11)
p (1..10).hash == (1..10).hash
p (3..1).to_a, (3..1).size
p (1..10).to_a.reverse.first(2)
p (1...1).to_a
p (1..3).each_with_index.to_a
p ("aa".."ad").to_a
p (1..10).find { |i| i * i > 20 }
p (1..10) .reject(&:odd?).sum
p (0.5..2.5).step(0.5).to_a
p 1.step(2, 0.5).to_a
p Range.new(1, 3).to_a, Range.new(1, 3, true).to_a
p (1..3).to_s, (1...3).inspect
p (1..nil).size
p (1..2.5).to_a
p (-5..-1).map(&:abs)
p r.each_cons(9).count
p r.partition { |x| x < 4 }.map(&:size)
x = 0
(1..4).each { |i| x += i }
p x
p (1..4).reverse_each.to_a
p ((1..3).frozen?)
