# Enumerable#grep and #grep_v: pattern === element (Class, Range, Regexp, String, Proc, a
# custom ===), the block maps what matched, $~ inside the block, any Enumerable
class Words
  include Enumerable
  def initialize(*w) = @w = w
  def each(&b) = @w.each(&b)
end
class Even
  def self.===(x) = x.is_a?(Integer) && x.even?
end
p (1..9).grep(4..6)
p [1, "a", :b, 2.0, nil, [3]].grep(Numeric)
p [1, "a", :b, 2.0, nil, [3]].grep_v(Numeric)
p %w[apple banana cherry].grep(/an/) { |w| [w, $~[0], $~.pre_match] }
p %w[a b c b].grep_v("b")
p (1..5).grep_v(2..3) { |x| x * 10 }
p({ a: 1, b: 2 }.grep(Array))
p({ a: 1, b: 2 }.grep(->(kv) { kv[1] > 1 }))
p (1..10).grep(Even)
p Words.new("x1", "y2", "x3").grep(/x/)
p Words.new("x1", "y2", "x3").grep_v(/x/, &:upcase)
p [].grep(1), [:a, :b].grep(:a)
p [[1, 2], [3, 4]].grep(Array) { |a, b| [a, b] }
r = [1, 2, 3].grep(Integer)
r << 4
p r
begin
  [1].grep
rescue ArgumentError => e
  p e.message
end
o = Object.new
p [1, o, 2].grep(o).size
