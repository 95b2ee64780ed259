# Matrix multiply, transpose, identity, determinant (integers and floats)
def mat_mul(a, b)
  raise ArgumentError, "dimension mismatch" unless a[0].size == b.size
  a.map { |row| b.transpose.map { |col| row.zip(col).sum { |x, y| x * y } } }
end
def identity(n) = Array.new(n) { |i| Array.new(n) { |j| i == j ? 1 : 0 } }
def det(m)
  return m[0][0] if m.size == 1
  m[0].each_with_index.sum do |v, j|
    minor = m[1..].map { |r| r[0...j] + r[j + 1..] }
    (j.even? ? 1 : -1) * v * det(minor)
  end
end
def show(m) = m.each { |r| puts r.map { |v| v.to_s.rjust(5) }.join }
a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show mat_mul(a, b)
show mat_mul(b, a)
p mat_mul(a, identity(3)) == a
p det([[2, 0, 1], [1, 3, 2], [1, 1, 1]])
p det(identity(4))
m = [[1.5, 2.0], [0.5, 4.0]]
p mat_mul(m, m)
begin
  mat_mul(a, a)
rescue ArgumentError => e
  puts e.message
end
n = 12
big = Array.new(n) { |i| Array.new(n) { |j| (i * n + j) % 7 } }
sq = mat_mul(big, big)
p sq.flatten.sum
p sq[3][4], sq[11][0]
pw = identity(2)
fibm = [[1, 1], [1, 0]]
90.times { pw = mat_mul(pw, fibm) }
p pw[0][1]
