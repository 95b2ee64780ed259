# rand and friends: only properties, never values
r = rand
p r.class
p r >= 0.0 && r < 1.0
ints = Array.new(200) { rand(10) }
p ints.all? { |i| i.is_a?(Integer) && i >= 0 && i < 10 }
p ints.uniq.size > 1
fl = Array.new(100) { rand(2.5) }
p fl.all? { |f| f >= 0 && f < 2.5 }
rg = Array.new(100) { rand(5..7) }
p rg.all? { |i| (5..7).include?(i) }
p rand(1..1)
p rand(0).class
p Random.rand(3) < 3
p [1, 2, 3].sample.between?(1, 3)
p [1, 2, 3].shuffle.sort
p Random.new(42).rand(100).is_a?(Integer)
p srand(1).is_a?(Integer)
a = rand(1000); srand(7); b = rand(1000); srand(7); c = rand(1000)
p b == c
p Array.new(10) { rand(1.0) }.all? { |f| f < 1.0 }
