# Nested loops with break/next at different levels, and loop results
out = []
(1..3).each do |i|
  (1..3).each do |j|
    next if j == 2
    break if i == 2
    out << [i, j]
  end
end
p out
found = nil
[[1, 2], [3, 4], [5, 6]].each do |row|
  row.each do |v|
    if v == 4
      found = v
      break
    end
  end
  break if found
end
p found
i = 0
total = 0
while i < 5
  j = 0
  while j < 5
    j += 1
    next if (i + j).odd?
    total += i * j
  end
  i += 1
end
p total
r = (1..3).map do |a|
  (1..3).map { |b| a * b }.select(&:even?)
end
p r
grid = Array.new(3) { |y| Array.new(3) { |x| x + y * 3 } }
grid.each { |row| puts row.map { |v| v.to_s.rjust(2) }.join }
pairs = []
for a in 1..3
  for b in a..3
    pairs << [a, b]
  end
end
p pairs
res = catch(:found) do
  (1..10).each { |a| (1..10).each { |b| throw :found, [a, b] if a * b == 42 } }
end
p res
count = 0
3.times { 3.times { 3.times { count += 1 } } }
p count
