# Iterating hashes and building them
h = { "one" => 1, "two" => 2, "three" => 3 }
h.each { |k, v| puts "#{k}: #{v}" }
h.each_pair { |k, v| print k, "=", v, " " }
puts
h.each_key { |k| print k, " " }
puts
h.each_value { |v| print v, " " }
puts
h.each { |pair| p pair }
h.each_with_index { |(k, v), i| puts "#{i} #{k} #{v}" }
p h.map { |k, v| "#{k}#{v}" }
p h.sort_by { |k, v| -v }.map(&:first)
p h.sum { |k, v| v }
p h.to_a.last
words = %w[apple banana avocado cherry blueberry]
idx = words.group_by { |w| w[0] }
p idx
p idx.transform_values(&:size)
p words.each_with_object(Hash.new(0)) { |w, acc| acc[w.size] += 1 }
p words.to_h { |w| [w, w.size] }
p words.zip(1..).to_h
p Hash[words.first(2).zip([1, 2])]
p words.tally.size
nested = { a: { x: 1 }, b: { x: 2 } }
p nested.map { |k, v| v[:x] }
p nested.sum { |_, v| v[:x] }
p nested.select { |_, v| v[:x] > 1 }.keys
p h.min_by { |_, v| v }.first
p h.each_slice(2).to_a
p h.find_all { |k, v| v.odd? }
p h.keys.each_with_index.to_h
p h.reduce("") { |s, (k, _)| s + k[0] }
