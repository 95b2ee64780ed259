# while / until loops, modifiers, begin..end while
i = 0
while i < 3
  print i, " "
  i += 1
end
puts
j = 5
until j <= 2
  print j, " "
  j -= 1
end
puts
k = 0
k += 1 while k < 10
p k
m = 10
m -= 3 until m < 0
p m
n = 0
begin
  n += 1
end while n < 0
p n
q = 10
begin
  q += 1
end until true
p q
r = while false do end
p r
s = 0
while true
  s += 1
  break if s == 4
end
p s
t = 0
res = while t < 10
  t += 1
  break t * 100 if t == 5
end
p res
u = 0
out = []
while u < 6
  u += 1
  next if u.odd?
  out << u
end
p out
a, b = 0, 0
while a < 3
  b = 0
  while b < 3
    b += 1
    break if b == 2
  end
  a += 1
end
p [a, b]
x = 3
x -= 1 while x > 0 and x != 1
p x
while (line = [nil].shift)
  p :never
end
p (i += 1 while i < 100)
