# dup and clone: frozen state, singleton methods, copies of ivars
class Item
  attr_accessor :name, :tags
  def initialize(n) = (@name = n; @tags = [])
  def initialize_copy(src)
    super
    @tags = src.tags.dup
  end
end
a = Item.new("a")
a.tags << :x
b = a.dup
b.tags << :y
b.name << "!"
p a.tags, b.tags
p a.name, b.name
p a.equal?(b)
s = "str".freeze
p s.dup.frozen?
p s.clone.frozen?
p s.clone(freeze: false).frozen?
o = Object.new
def o.single = :single
p o.clone.single
p o.dup.respond_to?(:single)
arr = [[1], [2]]
d = arr.dup
d[0] << 99
d << [3]
p arr
p d
h = { k: "v" }
hd = h.dup
hd[:k2] = 1
p h
p 1.dup
p nil.dup
p :sym.clone
p 1.5.clone
fz = [1, 2].freeze
p fz.clone.frozen?
p fz.dup.frozen?
class NoCopy
  def initialize_copy(o) = raise(TypeError, "no copies")
end
begin
  NoCopy.new.dup
rescue TypeError => e
  puts e.message
end
