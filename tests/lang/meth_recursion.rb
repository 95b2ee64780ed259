# Recursion: direct, mutual, deep-ish, with accumulators
def fact(n) = n <= 1 ? 1 : n * fact(n - 1)
p fact(10), fact(25)
def fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
p (0..20).map { |i| fib(i) }
def even?(n) = n.zero? ? true : odd?(n - 1)
def odd?(n) = n.zero? ? false : even?(n - 1)
p even?(100), odd?(7)
def ack(m, n)
  if m.zero? then n + 1
  elsif n.zero? then ack(m - 1, 1)
  else ack(m - 1, ack(m, n - 1))
  end
end
p ack(2, 3)
def sum_list(l) = l.empty? ? 0 : l[0] + sum_list(l[1..])
p sum_list((1..100).to_a)
def flatten_deep(a) = a.each_with_object([]) { |e, acc| e.is_a?(Array) ? acc.concat(flatten_deep(e)) : acc << e }
p flatten_deep([1, [2, [3, [4, [5]]]], 6])
def hanoi(n, from, to, via, moves)
  return moves if n.zero?
  hanoi(n - 1, from, via, to, moves)
  moves << [from, to]
  hanoi(n - 1, via, to, from, moves)
end
p hanoi(3, :a, :c, :b, []).size, hanoi(10, 1, 3, 2, []).size
def depth(n) = n.zero? ? 0 : 1 + depth(n - 1)
p depth(5000)
def perms(a) = a.size <= 1 ? [a] : a.flat_map { |x| perms(a - [x]).map { |pm| [x] + pm } }
p perms([1, 2, 3])
def gcd(a, b) = b.zero? ? a : gcd(b, a % b)
p gcd(1071, 462)
def power_set(s) = s.empty? ? [[]] : power_set(s[1..]).flat_map { |x| [x, [s[0]] + x] }
p power_set([1, 2, 3]).sort
