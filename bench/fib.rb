# fib: naive doubly recursive Fibonacci (method call / return overhead,
# integer add and compare). Checked against an iterative computation.

def fib(n)
  if n < 2
    n
  else
    fib(n - 1) + fib(n - 2)
  end
end

n = (ARGV[0] || 36).to_i
result = fib(n)

# independent check: iterative Fibonacci
a = 0
b = 1
i = 0
while i < n
  t = a + b
  a = b
  b = t
  i += 1
end

if result != a
  $stderr.puts "FAIL fib: fib(#{n}) = #{result}, expected #{a}"
  exit 1
end
puts "ok fib #{result}"
