# A class that includes Enumerable by defining each
class NumberList
  include Enumerable
  def initialize(*n) = @n = n
  def each
    return enum_for(:each) unless block_given?
    @n.each { |x| yield x }
    self
  end
end
l = NumberList.new(5, 3, 8, 1)
p l.to_a
p l.map { |x| x * 2 }
p l.select(&:odd?)
p l.sort
p l.min, l.max, l.sum, l.count
p l.include?(8)
p l.first, l.first(2)
p l.inject(:+)
p l.sort_by { |x| -x }
p l.each_slice(2).to_a
p l.each_with_index.to_a
p l.partition { |x| x > 4 }
p l.group_by(&:even?)
p l.min_by { |x| (x - 4).abs }
p l.reduce(1) { |a, b| a * b }
p l.find { |x| x > 4 }
p l.each_cons(2).map { |a, b| b - a }
p l.zip(l.map(&:to_s))
p l.tally
p l.to_h { |x| [x, x * x] }
p l.sum { |x| x.to_f }
p l.minmax
p l.reject(&:odd?)
p l.each_with_object([]) { |x, a| a << x }
p l.each.class
p l.uniq
p l.chunk_while { |a, b| b > a }.to_a
p l.sum.fdiv(l.count)
p l.entries
p l.filter_map { |x| x * 10 if x > 3 }
p l.any? { |x| x > 7 }, l.all?(Integer), l.none?(String)
p l.sort.reverse
