# hot_loop: a single method, called exactly once, whose while loop runs tens
# of millions of iterations of integer arithmetic, comparison and xor. A JIT
# only gets to compile this through on-stack replacement.
# Checked against closed forms.

def hot(n)
  i = 0
  sum = 0
  thirds = 0
  x = 0
  while i < n
    sum += i
    thirds += 1 if i % 3 == 0
    x ^= i
    i += 1
  end
  [sum, thirds, x]
end

n = (ARGV[0] || 30_000_000).to_i
sum, thirds, x = hot(n)

m = n - 1 # xor of 0..m by the period-4 closed form
exp_x = [m, 1, m + 1, 0][m % 4]
exp_sum = n * (n - 1) / 2
exp_thirds = (n + 2) / 3

if sum != exp_sum || thirds != exp_thirds || x != exp_x
  $stderr.puts "FAIL hot_loop: sum=#{sum} thirds=#{thirds} xor=#{x}, expected #{exp_sum} #{exp_thirds} #{exp_x}"
  exit 1
end
puts "ok hot_loop #{sum}"
