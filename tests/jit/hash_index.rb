# flags: --jit-tier1-threshold=2
# check: compiled_iseqs >= 1
# check: invalidations >= 1
# Hash#[] and Hash#[]= from compiled opt_aref/opt_aset call the Hash functions directly:
# defaults and default procs, String keys copied, a frozen Hash raising FrozenError, a
# Hash subclass's own [] still called, and Hash#[] redefined while the loop runs.
class MyHash < Hash
  def [](k) = "my #{k}"
end

def count(words, h)
  words.each { |w| h[w] += 1 }
  h
end

def lookup(h, keys)
  keys.map { |k| h[k] }
end

words = %w[a b a c b a]
5.times { p count(words, Hash.new(0)) }
dp = Hash.new { |hash, k| hash[k] = k * 2 }
p lookup(dp, [1, 2, 1, 3]), dp
key = +"key"
h = {}
h[key] = 1
key << "!"
p h, h.keys[0].frozen?
p lookup(MyHash.new, [1, 2])
fz = { a: 1 }.freeze
begin
  count([:a], fz)
rescue => e
  p e.class, e.message
end
class Hash
  def [](k) = :redefined
end
p lookup({ 1 => 2 }, [1, 1])
