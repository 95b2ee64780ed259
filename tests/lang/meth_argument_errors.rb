# ArgumentError messages for wrong arity and keywords
def show
  yield
rescue ArgumentError => e
  puts "#{e.class}: #{e.message}"
end
def two(a, b); end
def opt(a, b = 1); end
def rest(a, *r); end
def kw(a:, b: 1); end
def kw2(a:, b:); end
def kwo(x, k: 1); end
def none; end
show { two(1) }
show { two(1, 2, 3) }
show { opt }
show { opt(1, 2, 3) }
show { rest }
show { kw }
show { kw2 }
show { kw(a: 1, c: 2) }
show { kw(a: 1, c: 2, d: 3) }
show { kwo(1, 2) }
show { none(1) }
show { [1].first(1, 2) }
show { "x".center }
show { ->(x) {}.call }
show { ->(x, y) {}.call(1, 2, 3) }
show { Integer("12x") }
show { Float("1.2.3") }
show { [1, 2].first(-1) }
show { Array.new(-1) }
show { raise ArgumentError }
show { 1.step(10, 0) { break } }
show { {}.fetch }
show { :sym.to_proc.call }
class K; def initialize(a); end; end
show { K.new }
show { K.new(1, 2) }
def blk_only(&b); end
show { blk_only(1) }
show { kw(1) }
