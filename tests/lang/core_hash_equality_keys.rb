# Hash equality ignores order; keys of different types; mutable keys
p({ a: 1, b: 2 } == { b: 2, a: 1 })
p({ a: 1 }.eql?({ a: 1 }))
p({ 1 => :a } == { 1.0 => :a })
h = { 1 => :int, "1" => :str, :"1" => :sym, 1.5 => :float, nil => :nil, [1] => :arr }
p h[1], h["1"], h[:"1"], h[1.5], h[nil], h[[1]]
p h.size
k = [1, 2]
hk = { k => :v }
k << 3
hk.rehash
p hk[[1, 2, 3]]
s = "key"
hs = { s => 1 }
s << "!"
p hs, hs["key"]
p({ a: 1 }.to_a == [[:a, 1]])
p Hash.new(5) == {}
nested = { x: { y: [1, { z: 2 }] } }
p nested.dig(:x, :y, 1, :z)
p nested == { x: { y: [1, { z: 2 }] } }
p({ b: 1, a: 2 }.min_by { |k, v| k })
big = (1..100).to_h { |i| [i, i * i] }
p big[77], big.size, big.keys.first(3), big.values.last
p big.select { |k, v| v > 9000 }.keys
