# Comparable mixin
class Version
  include Comparable
  attr_reader :parts
  def initialize(s) = @parts = s.split(".").map(&:to_i)
  def <=>(o) = o.is_a?(Version) ? parts <=> o.parts : nil
  def to_s = parts.join(".")
  def inspect = "v#{self}"
end
a = Version.new("1.2.3")
b = Version.new("1.10")
c = Version.new("1.2.3")
p a < b
p a > b
p a <= c
p a >= b
p a == c
p a.equal?(c)
p a != b
p a.between?(Version.new("1.0"), b)
p a.clamp(b, Version.new("2.0"))
p [b, a, Version.new("0.9")].sort
p [b, a].max
p [b, a].min
begin
  a < 5
rescue ArgumentError => e
  puts e.message
end
p a == 5
class Money
  include Comparable
  attr_reader :cents
  def initialize(c) = @cents = c
  def <=>(o) = cents <=> o.cents
end
p Money.new(5) == Money.new(5)
p [Money.new(3), Money.new(1)].min.cents
p Money.new(7).clamp(Money.new(1), Money.new(4)).cents
p 5.clamp(1..3)
p "b".between?("a", "c")
p Comparable.instance_methods.sort
