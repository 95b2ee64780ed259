# <=> drives sort, min, max, and sort with blocks
class Ver
  include Comparable
  attr_reader :major, :minor
  def initialize(s) = (@major, @minor = s.split(".").map(&:to_i))
  def <=>(o) = [major, minor] <=> [o.major, o.minor]
  def to_s = "#{major}.#{minor}"
end
vs = %w[1.10 1.2 0.9 2.0 1.9].map { |s| Ver.new(s) }
puts vs.sort.join(" ")
puts vs.max, vs.min
puts vs.sort { |a, b| b <=> a }.join(" ")
puts vs.minmax.join(" ")
p [3, 1, 2].sort { |a, b| b <=> a }
p %w[bb a ccc].sort_by(&:size)
p %w[bb a ccc].sort { |a, b| a.size <=> b.size }
p %w[b B a A].sort
p [[1, :b], [1, :a], [0, :z]].sort
p [0.5, -1, 2**64, 3].sort
p ["10", "9", "100"].sort
p ["10", "9", "100"].sort_by(&:to_i)
p [1, 2, 3].max_by { |x| -x }
begin
  [1, :a].sort
rescue ArgumentError => e
  puts e.message
end
p (1 <=> nil)
p [2, 1].sort!.frozen?
