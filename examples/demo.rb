# demo.rb -- a small tour of what kiln runs: classes, blocks, exceptions, hashes.
class Shape
  attr_reader :name
  def initialize(name) = @name = name
  def to_s = "#{name} with area #{format_area}"
  def format_area = area.round(2).to_s
end

class Circle < Shape
  def initialize(r)
    super("circle")
    @r = r
  end
  def area = 3.14159 * @r * @r
end

class Rect < Shape
  def initialize(w, h)
    super("rect")
    @w, @h = w, h
  end
  def area = @w * @h
end

shapes = [Circle.new(1.5), Rect.new(3, 4), Circle.new(0.5)]
shapes.sort_by(&:area).each { |s| puts s }

def fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
puts "fib(25) = #{fib(25)}"
puts "2**100 = #{2**100}"

counts = Hash.new(0)
"the quick brown fox jumps over the lazy dog the end".split.each { |w| counts[w] += 1 }
p counts.select { |_, c| c > 1 }

begin
  [1, 2, 3].fetch(10)
rescue IndexError => e
  puts "rescued #{e.class}: #{e.message}"
end
