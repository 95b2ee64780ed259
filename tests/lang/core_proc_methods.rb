# Proc objects: call forms, curry, composition, parameters, ===
add = proc { |a, b| (a || 0) + (b || 0) }
p add.call(1, 2), add.(3, 4), add[5, 6], add.yield(7, 8), add === 5
sq = ->(x) { x * x }
inc = ->(x) { x + 1 }
p (sq >> inc).call(3)
p (sq << inc).call(3)
p (sq >> inc >> sq).call(2)
m = 2.method(:*)
p (sq >> m).call(3)
p sq.curry.call(4)
add3 = ->(a, b, c) { a + b + c }
c = add3.curry
p c[1][2][3], c.(1, 2)[3], c.(1).(2, 3)
vararg = proc { |*a| a.sum }
p vararg.curry(3)[1][2][3]
p sq.arity, add.arity, vararg.arity
p sq.lambda?, add.lambda?
p sq.parameters
is_even = :even?.to_proc
case 4
when is_even then p :even_by_proc
end
big = ->(n) { n > 10 }
p [5, 50].map { |n| case n when big then :big else :small end }
memo = Hash.new { |h, n| h[n] = n < 2 ? n : h[n - 1] + h[n - 2] }
p memo[40]
y = proc { |x| next x * 2 }
p y.call(5)
pr = Proc.new { |x, y| [x, y] }
p pr.call([1, 2])
p pr.lambda?
b = proc { self }
p b.call
def m_with_block(&b) = b
pp = m_with_block { |a| a }
p pp.class, pp.call(1)
p proc { |a, b = 5, *c, d| [a, b, c, d] }.call(1, 2)
p proc { |a, b = 5, *c, d| [a, b, c, d] }.call(1, 2, 3, 4, 5)
