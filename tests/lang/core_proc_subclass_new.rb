# Proc.new on a subclass of Proc: a Proc of the subclass (a new one when given an existing
# proc, which keeps its class), then initialize with Proc.new's arguments and block
log = []
Tagged = Class.new(Proc) do
  attr_reader :tag
  define_method(:initialize) do |tag = nil, *rest, **kw, &b|
    @tag = tag
    log << [:init, tag, rest, kw, b.class]
  end
end
pr = Tagged.new(:t, 2, k: 3) { |x| (x || 0) + 7 }
p log, pr.class == Tagged, pr.call(1), pr.tag, pr.lambda?
q = proc { 8 }
r = Tagged.new(:copy, &q)
p q.class, r.class == Tagged, r.call, r.equal?(q), r.tag
p Proc.new(&q).equal?(q)
l = lambda { |x| x }
p Tagged.new(&l).lambda?
begin
  Proc.new(1) { }
rescue ArgumentError => e
  p e.message
end
begin
  Tagged.new(:no_block)
rescue ArgumentError => e
  p e.message
end
Plain = Class.new(Proc)
p Plain.new { :plain }.call, Plain.new { }.class == Plain
p Proc.new { |x, y| [x, y] }.call(1)
