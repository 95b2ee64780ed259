# case/when with ranges, classes, regexps, lambdas, splats
def kind(x)
  case x
  when Integer then "int #{x}"
  when Float then "float"
  when String, Symbol then "stringy"
  when Array then "array of #{x.size}"
  when Hash then "hash"
  when nil then "nil"
  else "object #{x.class}"
  end
end
p [1, 1.5, "s", :s, [1, 2], {}, nil, 1..2].map { |x| kind(x) }
def grade(score)
  case score
  when 90.. then "A"
  when 80...90 then "B"
  when 70...80 then "C"
  else "F"
  end
end
p [95, 90, 85, 79, 12].map { |s| grade(s) }
even = ->(n) { n.even? }
big = proc { |n| n > 100 }
def lam(n, even, big)
  case n
  when big then :big
  when even then :even
  else :odd
  end
end
p [4, 7, 200, 201].map { |n| lam(n, even, big) }
SMALL = [1, 2, 3]
BIG = [100, 200]
def spl(n)
  case n
  when *SMALL then :small
  when *BIG, 500 then :big
  else :none
  end
end
p [2, 200, 500, 7].map { |n| spl(n) }
def rx(s)
  case s
  when /^\d+$/ then :digits
  when /^[a-z]+$/ then :lower
  else :mixed
  end
end
p %w[123 abc aB1].map { |s| rx(s) }
case 5
when Comparable then p :comparable
end
case [1, 2]
when Enumerable then p :enumerable
end
p(case 'x'..'z' when Range then :range end)
