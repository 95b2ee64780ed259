# Kernel#loop
i = 0
loop do
  i += 1
  break if i >= 3
end
p i
r = loop do
  break :value
end
p r
src = [1, 2, 3]
out = []
res = loop do
  raise StopIteration if src.empty?
  out << src.shift
end
p out
p res
n = 0
loop { n += 1; next if n < 10; break }
p n
x = loop do
  raise StopIteration, "custom"
end
p x
def gen
  loop do
    return :returned_from_loop
  end
end
p gen
j = 0
loop do
  j += 1
  begin
    break if j == 2
  ensure
    puts "ensure #{j}"
  end
end
p j
p loop { break 1, 2 }
