# One call site, many receiver classes (inline cache behaviour)
class A; def name = "A"; def val = 1; end
class B; def name = "B"; def val = 2; end
class C < A; def name = "C<A"; end
module M; def name = "M:" + super; end
class D < A; include M; end
class E; def method_missing(n, *) = "E-mm-#{n}"; def respond_to_missing?(*) = true; end
objs = [A.new, B.new, C.new, D.new, E.new, A.new, 1, "s", :sym, nil, [1], { a: 1 }, 2.5]
p objs.map { |o| o.respond_to?(:name) ? o.name : o.class.to_s }
p objs.map { |o| o.to_s.sub(/0x\h+/, "XX") }
total = 0
100.times do |i|
  o = objs[i % 4]
  total += o.val
end
p total
def call_size(x) = x.size
p [[1, 2], "abc", { a: 1 }, (1..4), :sym].map { |x| call_size(x) }
def plus(a, b) = a + b
p [[1, 2], [1.5, 2], [2**64, 1], ["a", "b"], [[1], [2]]].map { |a, b| plus(a, b) }
class A; def val = 100; end
total = 0
8.times { |i| total += objs[i % 4].val }
p total
