# Object identity, equality and predicates on core values
p 1.equal?(1), 2**70 == 2**70, "a".equal?("a"), :a.equal?(:a), nil.equal?(nil)
a = "x"
b = a
p a.equal?(b)
p [1, 2].equal?([1, 2]), [1, 2] == [1, 2]
p 0 == 0.0, 0.eql?(0.0), 0.equal?(0)
p Integer == Integer, Integer.equal?(Integer)
p (1..2) == (1..2)
o = Object.new
p o.equal?(o.itself), o.dup.equal?(o)
p [1, "a", :b].map(&:frozen?)
p 5.instance_of?(Integer), 5.kind_of?(Comparable)
p [] == [], {} == {}, "" == ""
p [nil] == [nil], [[]] == [[]]
