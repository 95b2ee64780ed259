# arity and parameters of procs and lambdas
p proc {}.arity
p proc { || }.arity
p proc { |a| }.arity
p proc { |a, b| }.arity
p proc { |a, b = 1| }.arity
p proc { |*a| }.arity
p proc { |a, *b| }.arity
p proc { |a:| }.arity
p proc { |x, y:| }.arity
p lambda {}.arity
p lambda { |a| }.arity
p lambda { |a, b| }.arity
p lambda { |a, b = 1| }.arity
p lambda { |*a| }.arity
p lambda { |a, *b| }.arity
p lambda { |a, b = 1, *c, d| }.arity
p lambda { |a:| }.arity
p lambda { |a: 1| }.arity
p lambda { |**k| }.arity
p ->(x, y:) {}.arity
p proc { |a, (b, c)| }.arity
p proc { _1 + _2 }.arity
p proc { _1 }.arity
p lambda { _1 }.arity
p proc { |a, b = 1| }.parameters
p lambda { |a, b = 1, *r, k:, &blk| }.parameters
p proc { |(a, b), c| }.parameters
