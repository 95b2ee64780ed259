# &blk parameters and block passing
def take(&blk) = blk
p take.nil?
b = take { |x| x * 2 }
p b.class
p b.call(21)
p b.lambda?
def pass_on(&blk) = [1, 2, 3].map(&blk)
p pass_on { |x| x + 1 }
p [1, 2, 3].map(&:to_s)
def call_it(&b) = b.call
p call_it { :called }
l = ->(x) { x * 3 }
p [1, 2].map(&l)
def yields_to(&b) = yield(5)
p yields_to { |v| v + 1 }
class Doubler
  def to_proc = proc { |x| x * 2 }
end
p [1, 2].map(&Doubler.new)
m = 10.method(:+)
p [1, 2].map(&m)
def blk_given(&b) = [block_given?, b.nil?]
p blk_given
p blk_given {}
p take(&nil).nil?
h = { 1 => :one }
p [1, 2].map(&h)
def anon_blk(&) = inner(&)
def inner = yield
p anon_blk { :anon } rescue p :no_anon_block
