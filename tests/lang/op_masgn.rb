# Multiple assignment: basics
a, b = 1, 2
p [a, b]
a, b = b, a
p [a, b]
x, y, z = 1, 2
p [x, y, z]
x, y = 1, 2, 3
p [x, y]
q, w = [10, 20]
p [q, w]
e = 1, 2, 3
p e
f, = [9, 8]
p f
r = (s, t = 5, 6)
p r
p [s, t]
i = j = 0
p [i, j]
h = {}
h[:a], h[:b] = 1, 2
p h
class P; attr_accessor :m, :n; end
o = P.new
o.m, o.n = :mm, :nn
p [o.m, o.n]
arr = [0, 0, 0]
arr[0], arr[2] = 7, 9
p arr
one, two = "str"
p [one, two]
k, l = nil
p [k, l]
def pair = [3, 4]
u, v = pair
p u + v
$ga, @ib = 1, 2
p [$ga, @ib]
