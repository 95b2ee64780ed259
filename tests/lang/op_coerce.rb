# Numeric coercion with user classes and between Integer/Float/Bignum
class Meters
  attr_reader :v
  def initialize(v) = @v = v
  def coerce(other) = [Meters.new(other), self]
  def +(o) = Meters.new(v + (o.is_a?(Meters) ? o.v : o))
  def *(o) = Meters.new(v * (o.is_a?(Meters) ? o.v : o))
  def <=>(o) = v <=> (o.is_a?(Meters) ? o.v : o)
  include Comparable
  def to_s = "#{v}m"
end
puts Meters.new(2) + 3
puts 3 + Meters.new(2)
puts 2.5 * Meters.new(2)
p 5 > Meters.new(2) rescue p $!.class
p 1 + 2.0, 2**64 + 1.0, 1.0 + 2**64
p 3 * 1.5, 10 / 4.0, 2**65 / 2.0
p 1 == 1.0, 2**64 == 2.0**64
p 7.coerce(2.5)
p 1.5.coerce(2)
class NoCoerce; end
begin
  1 + NoCoerce.new
rescue TypeError => e
  puts e.message
end
begin
  1.0 * nil
rescue TypeError => e
  puts e.message
end
p [1, 2.5, 2**64].sum
p [1, 2.5].max
p 3.fdiv(2), (2**70).fdiv(2**69)
