# sieve: sieve of Eratosthenes over an Array of booleans, repeated; array
# index reads and writes in while loops. Checked against the known prime
# count and prime sum below one million.

def sieve(limit)
  flags = Array.new(limit + 1, true)
  flags[0] = false
  flags[1] = false
  i = 2
  while i * i <= limit
    if flags[i]
      j = i * i
      while j <= limit
        flags[j] = false
        j += i
      end
    end
    i += 1
  end
  count = 0
  sum = 0
  k = 0
  while k <= limit
    if flags[k]
      count += 1
      sum += k
    end
    k += 1
  end
  [count, sum]
end

reps = (ARGV[0] || 16).to_i
limit = 1_000_000
count = 0
sum = 0
r = 0
while r < reps
  count, sum = sieve(limit)
  r += 1
end

# known constants: pi(10^6) = 78498, sum of primes below 10^6 = 37550402023
if count != 78_498 || sum != 37_550_402_023
  $stderr.puts "FAIL sieve: count=#{count} sum=#{sum}, expected 78498 37550402023"
  exit 1
end
puts "ok sieve #{count}"
