# Fibonacci with memoization in a Hash, several styles
memo = { 0 => 0, 1 => 1 }
fib = ->(n) { memo[n] ||= fib.(n - 1) + fib.(n - 2) }
p fib.(30)
p fib.(100)
p memo.size
auto = Hash.new { |h, n| h[n] = n < 2 ? n : h[n - 1] + h[n - 2] }
p auto[90]
p auto.keys.first(5)
class Fib
  def initialize = @cache = {}
  def [](n) = @cache[n] ||= n < 2 ? n : self[n - 1] + self[n - 2]
  def cached = @cache.size
end
f = Fib.new
p f[50]
p f.cached
def fib_iter(n)
  a, b = 0, 1
  n.times { a, b = b, a + b }
  a
end
p (0..15).map { |i| fib_iter(i) }
p fib_iter(200)
p fib_iter(200) == (memo.clear; memo[0] = 0; memo[1] = 1; fib.(200))
calls = 0
slow = ->(n) { calls += 1; n < 2 ? n : slow.(n - 1) + slow.(n - 2) }
p slow.(18), calls
