# for ... in
for i in 1..3
  print i
end
puts
p i
for a in [10, 20]
  b = a * 2
end
p [a, b]
for x, y in [[1, 2], [3, 4]]
  p [x, y]
end
for k, v in { a: 1, b: 2 }
  puts "#{k}=#{v}"
end
r = for e in [1, 2, 3] do end
p r
for n in 1..10
  next if n.even?
  break if n > 6
  print n, ","
end
puts
p n
sum = 0
for z in (1...5).step(2)
  sum += z
end
p sum
for c in "ab".chars
  print c.upcase
end
puts
out = for q in [] do p :never end
p out
p q
res = for w in [1, 2, 3]
  break w * 10 if w == 2
end
p res
for s in [[1, [2, 3]]]
  p s
end
