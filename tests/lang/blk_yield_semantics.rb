# yield argument packing/unpacking, block return values, yield inside blocks
def y1 = yield(1)
def y2 = yield(1, 2)
def ya = yield([1, 2])
def yn = yield
def yh = yield({ a: 1 })
p y1 { |a, b| [a, b] }
p y2 { |a| a }
p y2 { |a, b, c| [a, b, c] }
p y2 { |*a| a }
p ya { |a, b| [a, b] }
p ya { |a| a }
p ya { |a, *b| [a, b] }
p ya { |(a, b)| [a, b] }
p yn { |a| a }
p yh { |h| h }
p yh { |a:| a } rescue p $!.class
p y2 { |a, (b, c)| [a, b, c] }
def each_twice
  [1, 2].each { |x| yield x, x * 10 }
end
each_twice { |a, b| p [a, b] }
def collect = [yield(1), yield(2)]
p collect { |x| x.even? ? :even : :odd }
def pass_through(&b) = y2(&b)
p pass_through { |a, b| a + b }
def with_index
  i = 0
  %w[a b].map { |s| yield(s, (i += 1)) }
end
p with_index { |s, i| s * i }
