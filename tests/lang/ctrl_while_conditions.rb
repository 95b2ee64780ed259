# Loop conditions with complex expressions, assignments and method calls
stack = [1, 2, 3]
out = []
while (v = stack.pop)
  out << v
end
p out
queue = %w[a b c]
until queue.empty?
  print queue.shift
end
puts
n = 27
steps = 0
until n == 1
  n = n.even? ? n / 2 : 3 * n + 1
  steps += 1
end
p steps
a, b = 0, 10
while a < b and b - a > 3
  a += 2
  b -= 1
end
p [a, b]
i = 0
i += 1 until i * i > 50
p i
lines = ["x", "y", nil, "z"]
idx = 0
while (l = lines[idx]) && idx < 10
  print l
  idx += 1
end
puts
cnt = 0
cnt += 1 while cnt < 1000 && !(cnt > 7 && cnt % 7 == 0)
p cnt
flag = false
loops = 0
while !flag
  loops += 1
  flag = loops >= 3
end
p loops
