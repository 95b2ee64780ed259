# Hash#rehash after keys changed: equal keys collapse (the first position stays, the last
# value wins), lookups find the keys again; a key whose eql? raises during rehash leaves the
# hash as it was; the Hash keeps its class, default and instance variables
class Key
  attr_accessor :v, :boom
  def initialize(v) = @v = v
  def hash = @v % 3
  def eql?(o)
    raise "eql? of #{@v}" if @boom
    o.is_a?(Key) && @v == o.v
  end
  def inspect = "K#{@v}"
end
class Tagged < Hash
  attr_accessor :tag
end
k1, k2, k3 = Key.new(1), Key.new(2), Key.new(3)
h = Tagged.new(:dflt)
h.tag = :t
h[Key.new(11)] = :a
h[k1] = :b
h["s"] = :c
h[k2] = :d
h[k3] = :e
h[:sym] = :f
k1.v = 11
k2.v = 11
k3.v = 7
p h.size, h[Key.new(11)], h[Key.new(7)]
p h.rehash.equal?(h)
p h, h.size, h[Key.new(11)], h[Key.new(7)], h[Key.new(3)], h[:nope], h.tag, h.class
big = {}
keys = (1..40).map { |i| Key.new(i) }
keys.each_with_index { |k, i| big[k] = i }
keys.each { |k| k.v = k.v / 2 }
big.rehash
p big.size, big.keys.map(&:v).first(6), big[Key.new(10)]
k4 = Key.new(4)
g = { Key.new(1) => 1, k4 => 4, Key.new(7) => 7 }
k4.v = 1
k4.boom = true
begin
  g.rehash
rescue => e
  p e.message
end
k4.boom = false
p g.size, g.to_a, g[Key.new(7)]
begin
  {}.freeze.rehash
rescue => e
  p e.class
end
p({}.rehash, { a: 1 }.compare_by_identity.rehash)
