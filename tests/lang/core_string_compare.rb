# String comparison, case-insensitive comparison, equality and ordering
p "a" == "a", "a" == "A", "a".eql?("a"), "a".equal?("a")
p "a" <=> "b", "b" <=> "a", "a" <=> "a", "a" <=> "ab", "B" <=> "a"
p "abc".casecmp("ABC"), "abc".casecmp?("ABC"), "a".casecmp("b")
p "Apple" < "apple", "Zebra" < "apple"
p %w[banana Apple cherry].sort
p %w[banana Apple cherry].sort_by(&:downcase)
p %w[banana Apple cherry].min, %w[banana Apple cherry].max
p "abc".start_with?("ab"), "abc".end_with?("bc", "zz")
p "a" * 3 == "aaa"
p "" <=> "a"
p "10" < "9"
p "abc".hash == "abc".dup.hash
p "abc" == :abc, "abc" == :abc.to_s
p "x" <=> 1
p "aa".between?("a", "b")
p ["b", "a"].max_by(&:ord)
