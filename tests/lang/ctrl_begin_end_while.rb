# begin ... end while/until always runs the body once
i = 10
begin
  i += 1
end while i < 5
p i
j = 0
begin
  j += 1
end while j < 5
p j
k = 0
begin
  k += 2
end until k >= 7
p k
log = []
n = 3
begin
  log << n
  n -= 1
end while n > 0
p log
x = 0
y = (x += 1 while x < 3)
p x, y
z = 0
begin z += 1 end until true
p z
w = 0
(w += 1) while w < 3
p w
m = 0
begin
  m += 1
  next if m == 2
  break if m > 3
end while true
p m
