# Symbol#to_proc, Method#to_proc, block pass with &
p %w[a b c].map(&:upcase)
p [1, 2, 3].inject(&:+)
p [1, 2, 3].sum
p [[1, 2], [3]].map(&:size)
sp = :upcase.to_proc
p sp.call("x")
p sp.arity
p sp.lambda?
def twice(x) = x * 2
p [1, 2].map(&method(:twice))
p %w[1 2 3].map(&method(:Integer))
p [1, 2, 3].each_slice(2).map(&:sum)
p ["a", "b"].each_with_index.to_a
blk = proc { |x| x.to_s * 2 }
p [1, 2].map(&blk)
h = { 1 => "one", 2 => "two" }
p [1, 2, 3].map(&h)
def takes_block(&b) = b
b1 = proc { }
p takes_block(&b1).equal?(b1)
p [3, 1, 2].sort.reverse.map(&:to_s).join(",")
p [nil, 1, false].reject(&:nil?)
p %w[apple pie].map(&:length).max
