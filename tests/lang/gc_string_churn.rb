# Allocation churn with strings: results must survive collections
kept = []
2000.times do |i|
  s = "str#{i}"
  t = s * 2
  kept << t if i % 100 == 0
end
p kept.size
p kept.first, kept.last
acc = +""
500.times { |i| acc << i.to_s(36) }
p acc.size, acc[0, 20]
parts = (1..300).map { |i| "p#{i}" }
joined = parts.join(",")
p joined.size, joined.split(",").size, joined.split(",")[-1]
syms = (1..200).map { |i| "dyn_sym_#{i}".to_sym }
p syms.last, syms.uniq.size
h = {}
300.times { |i| h["k#{i}"] = "v#{i}" * 3 }
p h["k299"], h.size
p h.keys.map(&:size).sum
