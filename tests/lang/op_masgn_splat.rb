# Multiple assignment with splats and nesting
a, *b = 1, 2, 3
p [a, b]
*a, b = 1, 2, 3
p [a, b]
a, *b, c = 1, 2, 3, 4, 5
p [a, b, c]
a, *b, c = 1, 2
p [a, b, c]
a, *b = 1
p [a, b]
*a = nil
p a
a, (b, c), d = 1, [2, 3], 4
p [a, b, c, d]
a, (b, *c), d = 1, [2, 3, 4], 5
p [a, b, c, d]
(a, b), c = [1, 2], 3
p [a, b, c]
a, (b, (c, d)) = 1, [2, [3, 4]]
p [a, b, c, d]
a, b = *[1, 2], 3
p [a, b]
a, * = 1, 2, 3
p a
*, z = 1, 2, 3
p z
x = [1, [2, 3]]
m, (n, o) = x
p [m, n, o]
first, *rest = "a b c".split
p first, rest
h, *t = []
p [h, t]
v = (a, b = 1, 2)
p v
arr = [[1, [2, 3]], [4, [5, 6]]]
arr.each { |p1, (p2, p3)| p [p1, p2, p3] }
