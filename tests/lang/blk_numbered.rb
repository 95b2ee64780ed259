# Numbered block parameters _1, _2 ...
p [1, 2, 3].map { _1 * 2 }
p [[1, 2], [3, 4]].map { _1 + _2 }
p [[1, 2], [3, 4]].map { _1 }
p({ a: 1, b: 2 }.map { "#{_1}:#{_2}" })
p [3, 1, 2].sort_by { -_1 }
p %w[a b].each_with_index.map { _1 * (_2 + 1) }
l = -> { _1 + _2 + _3 }
p l.call(1, 2, 3)
p l.arity
pr = proc { [_1, _2] }
p pr.call(1)
p pr.call([4, 5])
p [1, 2].each_slice(1).map { _1 }
p [1, 2, 3].select { _1.odd? }
p [1, 2].map { [_1].map { |y| y + 1 } }
p (1..4).inject { _1 * _2 }
p [[1, [2, 3]]].map { _2 }
p 5.then { _1 + 1 }
