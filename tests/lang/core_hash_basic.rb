# Common Hash methods; insertion order is preserved
h = { b: 2, a: 1, c: 3 }
p h
p h.keys, h.values, h.size
p h[:a], h[:z], h.fetch(:b)
p h.key?(:a), h.has_key?(:z), h.include?(:c), h.member?(:b)
p h.value?(3), h.has_value?(9)
p h.key(2)
p h.to_a
p h.map { |k, v| [k, v * 10] }.to_h
p h.select { |k, v| v > 1 }
p h.reject { |k, v| v > 1 }
p h.filter_map { |k, v| k if v.odd? }
p h.min_by { |k, v| v }
p h.sort_by { |k, v| v }
p h.sort.to_h
p h.sum { |k, v| v }
p h.count { |k, v| v > 1 }
p h.find { |k, v| v == 3 }
p h.any? { |k, v| v > 2 }, h.all? { |k, v| v > 0 }
p h.transform_values { |v| v * 2 }
p h.transform_keys(&:to_s)
p h.invert
p h.merge({ d: 4, a: 100 })
p h.merge({ a: 5 }) { |k, old, new| old + new }
p h.to_a.transpose
p h.group_by { |k, v| v.odd? }
p h.partition { |k, v| v > 1 }
p h.each_with_object({}) { |(k, v), acc| acc[v] = k }
p h.inject(0) { |s, (k, v)| s + v }
p h.min_by(2) { |_, v| v }
p h.sort_by { |k, _| k }.first
p h.dig(:a)
p({ a: { b: { c: 42 } } }.dig(:a, :b, :c))
p h.slice(:a, :c)
p h.except(:a)
p h.filter_map { |k, v| "#{k}=#{v}" }
p h.each_with_index.map { |(k, v), i| "#{i}:#{k}" }
p h.keys.zip(h.values)
p h.entries
p h.first, h.first(2)
p h.empty?, {}.empty?
p h.to_h { |k, v| [v, k] }
p h.default
p h.sum([]) { |k, v| [v] }
p h.max_by { |_, v| v }.first
