# Hash#merge on a Hash subclass: the copy keeps the class, the default and the instance
# variables (as dup does), the argument's default is not taken; other Hash-returning
# methods answer plain Hashes
class Bag < Hash
  attr_accessor :label
end
b = Bag.new(:none)
b.label = "bag"
b[:x] = 1
m = b.merge({ y: 2 }, { x: 3 }) { |_k, old, new| old + new }
p m, m.class, m.label, m.default, m.frozen?
m.label = "changed"
p b.label
f = b.dup.freeze
p f.merge(z: 0).frozen?, f.merge(z: 0).label
e = {}.merge(b)
p e.class, e.default, e.instance_variables
p b.select { true }.class, b.reject { false }.class, b.to_h.class, b.slice(:x).class
p b.merge.equal?(b), b.merge.label
