# Constants: top level, nested lexical lookup, scoping
TOP = :top
module Outer
  X = 1
  class Inner
    Y = 2
    def get = [X, Y, TOP]
    def self.nesting = Module.nesting
  end
  def self.x = X
  module Deep
    Z = X + 10
    def self.z = [Z, X, TOP]
  end
end
p TOP
p Outer::X
p Outer::Inner::Y
p Outer::Inner.new.get
p Outer.x
p Outer::Deep::Z
p Outer::Deep.z
p Outer::Inner.nesting
p ::TOP
module Outer
  TOP = :shadow
  def self.top = [TOP, ::TOP]
end
p Outer.top
class Outer::Inner
  def direct = (X rescue :no_lexical_x)
end
p Outer::Inner.new.direct
p defined?(Outer::X)
p defined?(Outer::Nope)
p defined?(Nope)
p Outer.constants.sort
p Object.const_defined?(:TOP)
PI2 = 3.14 * 2
p PI2
Lst = [1, 2].freeze
p Lst.frozen?
Lst2 = [1]
Lst2 << 2
p Lst2
p Outer::Inner.name
p Outer::Deep.name
p Comparable.name
