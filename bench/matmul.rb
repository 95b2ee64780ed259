# matmul: integer matrix multiply with nested arrays (Array of row Arrays),
# classic i-k-j triple loop. Checked by the identity
# sum(A*B) = sum_k colsum(A)[k] * rowsum(B)[k], plus the trace computed
# with a separate dot-product loop.

n = (ARGV[0] || 300).to_i

a = Array.new(n) { |i| Array.new(n) { |j| (i * j + 1) % 17 - 8 } }
b = Array.new(n) { |i| Array.new(n) { |j| (i + 2 * j) % 13 - 6 } }

def matmul(a, b, n)
  c = Array.new(n) { Array.new(n, 0) }
  i = 0
  while i < n
    ai = a[i]
    ci = c[i]
    k = 0
    while k < n
      aik = ai[k]
      bk = b[k]
      j = 0
      while j < n
        ci[j] += aik * bk[j]
        j += 1
      end
      k += 1
    end
    i += 1
  end
  c
end

c = matmul(a, b, n)

total = 0
c.each { |row| row.each { |x| total += x } }

# independent check 1: column sums of a dotted with row sums of b
expected = 0
k = 0
while k < n
  col = 0
  row = 0
  i = 0
  while i < n
    col += a[i][k]
    row += b[k][i]
    i += 1
  end
  expected += col * row
  k += 1
end

# independent check 2: trace via a direct dot product per diagonal entry
trace = 0
exp_trace = 0
i = 0
while i < n
  trace += c[i][i]
  d = 0
  k = 0
  while k < n
    d += a[i][k] * b[k][i]
    k += 1
  end
  exp_trace += d
  i += 1
end

if total != expected || trace != exp_trace
  $stderr.puts "FAIL matmul: sum=#{total} trace=#{trace}, expected #{expected} #{exp_trace}"
  exit 1
end
puts "ok matmul #{total}"
