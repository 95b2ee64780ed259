# Constant names and paths: const_get / const_defined? / const_set check every part of a
# name (NameError "wrong constant name", Unicode capitals allowed), walk "A::B" paths,
# const_defined? through included and prepended modules; constants in a singleton class body
# come from the singleton class's ancestors (its extended modules), not from the ancestors of
# the class it belongs to; define_method with an explicit nil body
def t
  p yield
rescue => e
  p [e.class, e.message.lines.first.chomp]
end
module T
  C = 1
  module Inner; D = 2; end
end
t { T.const_defined?(:wrong_name) }
t { T.const_defined?("wrong") }
t { [T.const_defined?("C"), T.const_defined?("T::C"), Object.const_defined?("T::C")] }
t { [Object.const_defined?("T::X"), Object.const_defined?("T::Inner::D"), T.const_defined?("Inner::D")] }
t { [T.const_defined?("::T::C"), T.const_defined?("String"), T.const_defined?("String", false)] }
t { T.const_defined?("") }
t { T.const_defined?(3) }
t { T.const_defined?("A::") }
t { T.const_defined?("T:::C") }
t { T.const_defined?("C::D") }
t { T.const_get("C::D") }
t { [T.const_get("Inner::D"), Object.const_get("T::Inner"), T.const_get(:C)] }
t { T.const_get("Inner::String") }
t { T.const_get("::String") }
t { T.const_get("Nope::X") }
t { T.const_set("", 1) }
t { T.const_set("wrongNAME", 1) }
t { T.const_set("Wrong-Name", 1) }
t { T.const_set("A?", 1) }
t { T.const_set("A b", 1) }
t { T.const_set("_A", 1) }
["É", "Ǆ", "ǅ", "Ⅰ", "Ωmega", "Aé", "A日", "Ꭰ", "Ａ", "ℂ", "A_1"].each { |n| t { T.const_set(n, n.size) } }
["日本", "ꭰ", "ß", "é"].each { |n| t { T.const_set(n, 1) } }
t { T.const_set(3, 1) }
t { [T.const_get("Ωmega"), T.constants.size] }
t { begin; Object.const_defined?("A::"); rescue NameError => e; [e.name, e.receiver]; end }
t { begin; T.const_get(:wrong); rescue NameError => e; [e.name, e.receiver]; end }
m = Module.new
c = Class.new { include m }
m.const_set(:K1, 1)
pm = Module.new
pc = Class.new { prepend pm }
pm.const_set(:K2, 2)
t { [c.const_defined?(:K1), c.const_get(:K1), pc.const_defined?(:K2), pc.const_get(:K2), c.const_defined?(:K1, false)] }
# singleton class bodies
class A1; X = 1; end
class B1 < A1
  class << self
    t { X }
    t { defined?(X) }
  end
end
module E1; Y = 2; end
class C1
  extend E1
  class << self
    t { Y }
  end
end
module M1; module A2; class WWW; end; end; end
module M1::Z
  extend M1::A2
  class << self
    t { WWW }
  end
end
o = Object.new
o.extend(E1)
class << o
  t { Y }
end
# define_method bodies
t { Class.new { define_method(:n1, nil) } }
t { Class.new { define_method(:n1, nil) { } } }
t { Class.new { define_method(:n1, 3) } }
t { Class.new { define_method(:n1) } }
t { Class.new { define_method(:n1, proc { :ok }) }.new.n1 }
