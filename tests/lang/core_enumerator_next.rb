# External enumerators: next, peek, rewind, StopIteration with loop
e = [1, 2, 3].each
p e.next, e.next
p e.peek
p e.next
begin
  e.next
rescue StopIteration => ex
  p ex.class
  p ex.message
  p ex.result
end
e.rewind
p e.next
words = %w[a b c].each_with_index
p words.next
p words.next
enum = Enumerator.new do |y|
  y << 1
  y << 2
  y.yield 3
  :done
end
p enum.to_a
p enum.next
p enum.take(2)
fib = Enumerator.new do |y|
  a, b = 0, 1
  loop { y << a; a, b = b, a + b }
end
p fib.take(10)
p fib.first(5)
p fib.lazy.select(&:odd?).first(4) rescue p :no_lazy
it = [10, 20].each
out = []
loop { out << it.next }
p out
p [1, 2, 3].map.with_index(1) { |x, i| x * i }
p [4, 5].each.with_index.to_a
p %w[a b].each_with_index.map { |s, i| s * (i + 1) }
gen = (1..3).each
p gen.size
