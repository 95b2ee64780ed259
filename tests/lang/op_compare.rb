# Comparison and equality operators
p 1 == 1
p 1 == 1.0
p 1.eql?(1.0)
p 1.equal?(1)
p 1 != 2
p "a" == "a"
p "a".equal?("a")
p :a == :a
p nil == false
p 1 < 2
p 2 <= 2
p 3 > 4
p 4 >= 4
p "abc" < "abd"
p "B" < "a"
p [1, 2] == [1, 2]
p [1, 2] <=> [1, 3]
p [1, 2] <=> [1]
p 1 <=> "a"
p "b" <=> "a"
p nil <=> nil
p 1.0 <=> 1
p (1 <=> 2).class
p 1.between?(0, 2)
p 5.clamp(1, 3)
p({ a: 1 } == { a: 1 })
p({ a: 1 } == { a: 1.0 })
p 1 === 1
p Integer === 1
p (1..3) === 2
p /ab/ === "cab"
p :a === :a
p Object.new == Object.new
o = Object.new
p o == o
p o != o
p 1.0 / 0 == Float::INFINITY
p 0.1 + 0.2 == 0.3
p (0.1 + 0.2 - 0.3).abs < Float::EPSILON
begin
  1 < "a"
rescue ArgumentError => e
  p e.class
  puts e.message
end
begin
  [1] < [2]
rescue NoMethodError => e
  puts e.message.lines.first.chomp
end
