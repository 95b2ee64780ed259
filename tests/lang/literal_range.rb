# Range literals
p (1..5)
p (1...5)
p (1..5).to_a
p (1...5).to_a
p ('a'..'e').to_a
p (1..)
p (1..nil)
p (1..).first(3)
p (..5)
p (..5).include?(3)
p (1..10).step(3).to_a
p (1.0..2.0)
p (1..5).size
p (1...5).size
p (5..1).to_a
p (1..5).exclude_end?
p (1...5).exclude_end?
p (1..5).begin
p (1...5).end
p (1..).end
r = 1..3
p r.class
p r == (1..3)
p (1..3).eql?(1..3)
p (1..3) == (1...4)
p [*1..3, *'x'..'z']
a = [0, 1, 2, 3, 4, 5]
p a[1..3]
p a[1...3]
p a[3..]
p a[..2]
p a[-2..]
