# Sieve of Eratosthenes, prime factorisation, and prime gaps
def sieve(n)
  is = Array.new(n + 1, true)
  is[0] = is[1] = false
  (2..Integer.sqrt(n)).each do |i|
    next unless is[i]
    (i * i).step(n, i) { |j| is[j] = false }
  end
  is.each_index.select { |i| is[i] }
end
primes = sieve(1000)
p primes.size, primes.first(10), primes.last(3)
p primes.sum
def factor(n)
  fs = []
  d = 2
  while d * d <= n
    while (n % d).zero?
      fs << d
      n /= d
    end
    d += 1
  end
  fs << n if n > 1
  fs
end
p factor(360), factor(97), factor(2**10 * 3**5), factor(600851475143)
p factor(360).tally
gaps = primes.each_cons(2).map { |a, b| b - a }
p gaps.max, gaps.tally.sort.first(4)
twins = primes.each_cons(2).select { |a, b| b - a == 2 }
p twins.size, twins.last
p (2**61 - 1).then { |m| (2..1000).none? { |d| (m % d).zero? } }
