# A singleton class is frozen with its object: Object#freeze, String#freeze, a frozen class's
# metaclass (and its metaclass), a singleton class made after the freeze; defining into it
# raises FrozenError
o = Object.new
sc = class << o; self end
p sc.frozen?
o.freeze
p sc.frozen?, (class << Object.new.freeze; self end).frozen?
s = +"str"
s.singleton_class
s.freeze
p s.singleton_class.frozen?
class Fz; end
Fz.freeze
p Fz.singleton_class.frozen?, Fz.singleton_class.singleton_class.frozen?
p Object.singleton_class.frozen?, Comparable.singleton_class.frozen?, nil.singleton_class.frozen?
a = [1].freeze
p a.singleton_class.frozen?
begin
  def o.late = 1
rescue FrozenError => e
  p e.class
end
begin
  Fz.define_singleton_method(:x) { }
rescue FrozenError => e
  p e.message
end
d = Object.new
def d.hi = :hi
d.freeze
c = d.clone
p c.frozen?, c.singleton_class.frozen?, c.hi, d.dup.singleton_class.frozen?
