# break / next in loops and blocks, with values
r = [1, 2, 3, 4].each do |x|
  break x * 10 if x == 3
end
p r
r = [1, 2].each { |x| }
p r
p [1, 2, 3, 4].map { |x| next 0 if x.even?; x }
p [1, 2, 3].each_with_object([]) { |x, acc| next if x == 2; acc << x }
i = 0
r = loop do
  i += 1
  next if i < 5
  break i
end
p r
p (loop { break })
p [1, 2, 3].find { |x| break :broke if x == 2 }
r = 10.times { |t| break t if t == 7 }
p r
p 3.times { }
def m
  yield
  :after_yield
end
p m { next 5 }
p(m { break 6 })
x = [1, 2, 3].select do |v|
  next true if v == 1
  false
end
p x
res = [[1, 2], [3, 4]].each do |a, b|
  break a + b if a == 3
end
p res
def nested
  [1, 2].each do |a|
    [3, 4].each do |b|
      break if b == 4
      puts "#{a}-#{b}"
    end
  end
  :done
end
p nested
p [1, 2, 3].inject { |s, v| next s if v == 2; s + v }
p (1..Float::INFINITY).each { |n| break n if n * n > 50 }
