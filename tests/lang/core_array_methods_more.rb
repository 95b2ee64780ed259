# More Array methods: fill, product, combination, zip with block, bsearch, sum of floats
p Array.new(3).fill(7), [1, 2, 3, 4].fill(0, 2), [1, 2, 3].fill { |i| i * i }
p [1, 2].product([3, 4], [5])
p [1, 2, 3, 4].combination(3).to_a
p [1, 2, 3].each_cons(2).to_a
r = []
[1, 2].zip([3, 4]) { |a, b| r << a * b }
p r
p [1, 2, 3].zip([4, 5, 6], [7, 8, 9]).map(&:sum)
p [1, 3, 5, 7, 9].bsearch { |x| x >= 4 }
p [0.1] * 10 == Array.new(10, 0.1), ([0.1] * 10).sum, ([0.1] * 10).inject(:+)
p [1, 2, 3].cycle.take(7)
p [3, 5, 2].each_with_index.max
p [1, 2, 3, 4, 5, 6].each_slice(2).to_h rescue p $!.class
p %w[a b c].each_with_index.to_h
p [[1, :a], [2, :b]].each_with_object({}) { |(n, s), h| h[s] = n }
p [1, 2, 3].reverse.rotate(1)
p [5, 3, 9].sort.bsearch { |x| x >= 4 }
p [1, nil, 2, nil].compact.sum
p [1, 2, 3, 4].sum { |x| x.odd? ? x : 0 }
p [4, 2, 6].minmax_by { |x| -x } rescue p :no_minmax_by
p [1, 2, 3].inject { |a, b| a * b }
p ["a", "b"].each_with_index.map { |s, i| "#{i}#{s}" }
p [1, 2, 3, 4, 5].select.with_index { |x, i| i.even? }
p [1, [2, 3]].dig(1, 0)
p [3, 1, 2].max(2), [3, 1, 2].min_by(2) { |x| x }
p [1, 2, 3].first(0), [].sum, [].max, [1].each_slice(5).to_a
