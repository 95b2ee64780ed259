# Common Array methods (non-mutating)
a = [5, 3, 8, 1, 9, 2]
p a.size, a.length, a.count
p a.first, a.last, a.first(2), a.last(2)
p a.min, a.max, a.sum, a.minmax
p a.sort, a.sort.reverse, a.sort { |x, y| y <=> x }
p a.sort_by { |x| -x }
p a.include?(8), a.include?(7)
p a.index(8), a.find_index { |x| x > 5 }
p a.map { |x| x * 2 }
p a.select(&:even?), a.reject(&:even?)
p a.find { |x| x > 5 }, a.detect { |x| x > 100 }
p a.partition(&:odd?)
p a.group_by(&:odd?)
p a.inject(:+), a.reduce(1) { |m, x| m * x }
p a.take(2), a.drop(4)
p a.take_while { |x| x > 2 }, a.drop_while { |x| x > 2 }
p a.each_slice(4).to_a
p a.each_cons(5).to_a
p a.zip([1] * 6)
p a.rotate, a.rotate(-1)
p a.values_at(0, 2, 10)
p a.min_by { |x| (x - 4).abs }, a.max_by { |x| x % 5 }
p a.count(&:even?)
p a.tally
p [1, 2, 2, 3, 3, 3].uniq
p [[1, 2], [3, 4]].to_h
p [1, [2, [3, [4]]]].flatten, [1, [2, [3, [4]]]].flatten(1)
p [nil, 1, false, 2].compact
p [1, 2, 3] & [2, 3, 4], [1, 2] | [2, 3], [1, 2, 3] - [2]
p [1, 2] * ",", [1, 2, 3].join("-")
p [3, 1, 2].sort.first
p [1, 2, 3].each_with_index.map { |x, i| x * i }
p [1, 2, 3].each_with_object([]) { |x, acc| acc.unshift(x) }
p [1, 2, 3].all? { |x| x > 0 }, [1, 2, 3].any?(&:zero?), [].none?, [1, 1].one?
p [1, 2, 3].sum { |x| x * 10 }
p [1, 2, 3, 4].each_slice(2).map(&:sum)
p ["a", "b"].cycle.first(5)
p [1, 2, 3].reverse_each.to_a
p [0.1, 0.2, 0.3].sum
p ["x", "y"].sum("")
p [1, 2] <=> [1, 2, 3]
p [[2, "b"], [1, "a"]].sort
p [1, 2, 3].filter_map { |x| x * 2 if x.odd? }
p [1, 2, 3].flat_map { |x| [x, -x] }
p [1, 2, 3].min(2), [1, 2, 3].max(2)
p [1, 2, 3].chunk_while { |a, b| b == a + 1 }.to_a
p [1, 2, 4, 5, 7].slice_when { |a, b| b != a + 1 }.to_a
p ["a", "b"].product([1, 2])
p [1, 2, 3].combination(2).to_a
p [1, 2, 3].permutation(2).count
p [1, 2, 3].dig(0)
p [[1, [2]]].dig(0, 1, 0)
p [1, 2, 3].sample.class
p [1, 2, 3].shuffle.sort
