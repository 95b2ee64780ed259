# next in while/until/for/loop, skipping with values
i = 0
evens = []
while i < 10
  i += 1
  next unless i.even?
  evens << i
end
p evens
j = 0
odds = []
until j >= 10
  j += 1
  next if j.even?
  odds << j
end
p odds
sq = []
for k in 1..6
  next if k % 3 == 0
  sq << k * k
end
p sq
c = 0
got = []
loop do
  c += 1
  break if c > 6
  next if c == 3
  got << c
end
p got
p (1..10).each_slice(3).map { |s| next s.sum if s.size == 3; -1 }
p [1, 2, 3].map { |x| next }
words = %w[keep skip keep2 skip2]
kept = words.select { |w| next false if w.start_with?("skip"); true }
p kept
