# Module#prepend and #include with modules: prepending into a module, into one that is already
# included or prepended elsewhere (CRuby 3.0+ reaches those chains), ancestors and super
# through such chains, cyclic include/prepend, frozen receivers, prepend into each class,
# the append_features / prepend_features / extend_object hooks
def t
  p yield
rescue => e
  p [e.class, e.message]
end
module M0; def x; [:m0, *super]; end; end
module M1; def x; [:m1, *super]; end; prepend M0; end
module M2; def x; [:m2, *super]; end; prepend M1; end
class C0; def x; [:c0]; end; end
class C1; def x; [:c1]; end; prepend M2; end
class C2 < C0; def x; [:c2, *super]; end; include M2; end
t { M1.ancestors }
t { M2.ancestors }
t { C1.ancestors.take(5) }
t { C1.new.x }
t { C2.ancestors.take(6) }
t { C2.new.x }
M3 = Module.new { include M1; prepend M1 }
t { M3.ancestors }
M4 = Module.new { prepend M1; include M1 }
t { M4.ancestors }
# propagation: prepend into a module after it was included somewhere
module P; def y; [:p, *super]; end; end
module Q; def y; [:q, *super]; end; end
class D; def y; [:d]; end; end
class E < D; include P; def y; [:e, *super]; end; end
class F < D; prepend P; def y; [:f, *super]; end; end
P.prepend Q
t { E.ancestors.take(5) }
t { F.ancestors.take(5) }
t { E.new.y }
t { F.new.y }
module R; def y; [:r, *super]; end; end
P.include R
t { E.ancestors.take(6) }
t { F.ancestors.take(6) }
t { E.new.y }
t { F.new.y }
# cyclic
m1 = Module.new; m2 = Module.new
m1.prepend(m2)
t { m2.prepend(m1) }
t { m2.include(m1) }
t { m1.prepend(m1) }
t { m1.include(m1) }
m3 = Module.new; m3.include(m1)
t { m2.include(m3) }
t { m1.prepend(m3) }
# frozen
class Fc; end; Fc.freeze
t { Fc.prepend Module.new }
module Fmod; end; Fmod.freeze
t { Fmod.prepend Module.new }
# prepend each class
m = Module.new
c1 = Class.new { prepend m }
c2 = Class.new(c1) { prepend m }
t { c2.ancestors.take(4).map { |k| k == m ? :m : k == c1 ? :c1 : k == c2 ? :c2 : k } }
c3 = Class.new { prepend m; prepend m }
t { c3.ancestors.take(3).map { |k| k == m ? :m : k == c3 ? :c3 : k } }
c4 = Class.new; c5 = Class.new(c4) { prepend m }; c4.prepend m
t { c5.ancestors.take(4).map { |k| k == m ? :m : k == c4 ? :c4 : k == c5 ? :c5 : k } }
# return values, types
t { Module.new.prepend }
t { Class.new.prepend(Class.new) }
t { Class.new.prepend(3) }
mm = Module.new
t { mm.prepend(Module.new, Module.new).equal?(mm) }
module Two
module A; def f; [:a, *super]; end; end
module B; def f; [:b, *super]; end; end
module C; def f; [:c, *super]; end; end
module D; def f; [:d, *super]; end; end
class Base; def f; [:base]; end; end
class K1 < Base; include A; def f; [:k1, *super]; end; end
class K2 < Base; prepend A; def f; [:k2, *super]; end; end
module N; include A; end
class K3 < Base; include N; def f; [:k3, *super]; end; end
A.prepend B          # A gets an origin after it is in three chains
t { [K1.ancestors.take(5), K2.ancestors.take(5), K3.ancestors.take(6), N.ancestors] }
t { [K1.new.f, K2.new.f, K3.new.f] }
A.prepend C
A.include D
t { [K1.ancestors.take(7), K2.ancestors.take(7), K3.ancestors.take(8), N.ancestors, A.ancestors] }
t { [K1.new.f, K2.new.f, K3.new.f] }
t { [A.included_modules, N.included_modules, K1.included_modules.take(5)] }
t { [K1.include?(B), K1.include?(D), N.include?(C), A.include?(A), K1 < C, C > K3, A <=> B] }
t { [K1.instance_method(:f).owner, K3.new.method(:f).super_method.owner] }
class K4 < Base; include A; def f; [:k4, *super]; end; end   # A, with its prepends, after the fact
t { [K4.ancestors.take(7), K4.new.f] }
class K5 < Base; prepend A; include A; def f; [:k5, *super]; end; end
t { [K5.ancestors.take(8), K5.new.f] }
# a method added to the module later
module A; def g; :ag; end; end
t { [K1.new.g, K4.new.g] }
# the same module prepended twice into an included module
module E; end
module F; end
module G; include E; end
class K6; include G; end
G.prepend F
G.prepend F
G.include E
t { [K6.ancestors.take(5), G.ancestors] }
# include into a module after it was included, skipped where already present
module H; end
module I; include H; end
class K7; include H; include I; end
module J; end
H.include J
t { [K7.ancestors.take(5), I.ancestors] }
# hooks
module Hk
  def self.append_features(base); puts "append_features #{base}"; super; end
  def self.prepend_features(base); puts "prepend_features #{base}"; super; end
  def self.extend_object(obj); puts "extend_object #{obj.inspect}"; super; end
  def self.included(base); puts "included #{base}"; end
  def self.prepended(base); puts "prepended #{base}"; end
  def self.extended(obj); puts "extended #{obj.inspect}"; end
end
class K8; include Hk; prepend Hk; end
"str".extend(Hk)
t { K8.ancestors.take(3) }
module NoOp; def self.append_features(base); end; end
class K9; include NoOp; end
t { K9.include?(NoOp) }
t { Class.new.include }
t { Class.new.include(Module.new, 3) }
t { Class.new.prepend(Comparable, Class.new) }
t { Object.new.extend(Class.new) }
t { Module.new.send(:append_features, 3) }
t { Comparable.send(:prepend_features, Object.new) }
o = Struct.new(:a).new(1).freeze
t { o.extend(Comparable) }
class Fz; end
Fz.freeze
t { Fz.include(Comparable) }
t { Fz.singleton_class.include(Comparable) }
t { Fz.extend(Comparable) }
module Fm; end
Fm.freeze
t { Fm.prepend(Comparable) }
t { Fm.extend(Comparable) }
end
# super through a module whose prepends were added after a class included it, with
# arguments and blocks
module Wrap; def h(x, &b) = [:wrap, x, *super(x * 2, &b)]; end
module Inner; def h(x) = [:inner, x, yield]; end
class Outer; include Inner; def h(x, &b) = [:outer, *super]; end
Inner.prepend Wrap
t { Outer.new.h(1) { :blk } }
t { [Outer.ancestors.take(4), Inner.instance_method(:h).owner, Outer.new.method(:h).super_method.owner] }
t { Inner.instance_methods(false).sort }
t { Outer.new.singleton_class.include(Inner).ancestors.drop(1).take(4) }
