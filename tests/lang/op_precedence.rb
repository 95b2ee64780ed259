# Operator precedence
p 2 + 3 * 4
p (2 + 3) * 4
p 2 ** 3 ** 2
p -2 ** 2
p (-2) ** 2
p 10 - 4 - 3
p 100 / 10 / 5
p 2 * 3 % 4
p 1 + 2 << 1
p 1 | 2 & 3
p 1 ^ 3 | 4
p 5 > 3 == true
p 1 < 2 && 3 < 4
p true || false && false
p !true || true
p 1 + 2 == 3 ? :yes : :no
p 5 & 3 == 1
p 7 - 2 * 3 + 1
p 4 ** 0.5
p -3.abs
p !nil
p (not true)
p ~5
p 1 <=> 2
p [1 + 1, 2 * 2]
a = 1 + 2 if true
p a
p 3.0 * 2 + 1 / 2
p 1..3 == (1..3) rescue p $!.class
x = 5
p x > 3 ? x * 2 : x / 2
p 8 >> 1 + 1
p 1 - -1
p 1 + +1
p(-x.abs)
p 10.fdiv(4)
