# Redefining frequently specialised core methods: Array#size, String#==, Hash#[], Array#[]
def sz(a) = a.size
def eq(a, b) = a == b
def look(h, k) = h[k]
def idx(a, i) = a[i]
p sz([1, 2]), eq("a", "a"), look({ k: 1 }, :k), idx([5, 6], 1)
class Array
  def size = 42
  def [](i) = :patched_index
end
class String
  def ==(o) = :patched_eq
end
class Hash
  def [](k) = :patched_lookup
end
p sz([1, 2]), eq("a", "a"), look({ k: 1 }, :k), idx([5, 6], 1)
p [1, 2, 3].length
class Float
  def *(o) = :float_mul
end
p 2.0 * 3.0
class NilClass
  def to_s = "NIL!"
end
puts "#{nil}"
class Symbol
  def to_proc = proc { :custom_to_proc }
end
p [1].map(&:anything)
