# Keywords used as method names, hash keys and symbols
class K
  def class_name = self.class.name
  def end? = true
  def if = :if_method
  def self.then = :then_method
  def begin = :begin_method
  def nil? = :custom_nil
end
k = K.new
p k.class_name, k.end?, k.if, K.then, k.begin, k.nil?
h = { if: 1, end: 2, class: 3, def: 4, nil: 5, self: 6, true: 7 }
p h
p h[:class], h[:end]
p %i[if unless while class def]
p :end, :self, :nil
p 5.then { _1 + 1 }
o = Object.new
def o.class = :overridden_class
p o.class
p o.singleton_class.instance_methods(false)
