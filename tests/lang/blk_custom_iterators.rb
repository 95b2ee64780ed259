# Custom iterator methods built on yield, with enum_for when no block is given
class Tree
  def initialize(v, *kids) = (@v, @kids = v, kids)
  def each(&blk)
    return enum_for(:each) unless blk
    yield @v
    @kids.each { |k| k.each(&blk) }
  end
  def each_with_depth(d = 0, &blk)
    yield @v, d
    @kids.each { |k| k.each_with_depth(d + 1, &blk) }
  end
end
t = Tree.new(1, Tree.new(2, Tree.new(4)), Tree.new(3))
t.each { |v| print v, " " }
puts
t.each_with_depth { |v, d| puts "#{'  ' * d}#{v}" }
p t.each.to_a
p t.each.map { |v| v * 10 }
def countdown(n)
  return to_enum(:countdown, n) unless block_given?
  while n > 0
    yield n
    n -= 1
  end
  :done
end
p countdown(3) { |i| print i }
puts
p countdown(4).to_a
p countdown(5).select(&:even?)
def each_pair_of(arr)
  arr.each_with_index do |a, i|
    arr[(i + 1)..].each { |b| yield a, b }
  end
end
pairs = []
each_pair_of([1, 2, 3]) { |a, b| pairs << a + b }
p pairs
def repeat(n)
  i = 0
  results = []
  while i < n
    results << yield(i)
    i += 1
  end
  results
end
p repeat(4) { |i| i * i }
def fib_seq
  a, b = 0, 1
  loop do
    yield a
    a, b = b, a + b
  end
end
out = []
fib_seq { |f| break if f > 50; out << f }
p out
