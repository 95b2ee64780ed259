# Rational arithmetic, comparison and mixing with Integer, Float and Complex
a = Rational(1, 3)
b = Rational(1, 6)
p a, Rational(2, 4), Rational(-2, 4), Rational(2, -4), Rational(0, 5), Rational(6, 3)
p a.numerator, a.denominator, a.class, Rational(2**70, 6)
p a + b, a - b, a * b, a / b, a ** 2, a ** -2, a ** 0, -a, +a
p a + 1, a - 1, a * 3, a / 2, 1 + a, 1 - a, 2 * a, 1 / a, 2 ** a
p a + 0.5, a * 1.5, a / 2.0, 1.5 + a, 0.5 * a, a / 0.0, a - 1.0
p a.quo(2), a.fdiv(2), 1.quo(3), 4.quo(2), 1.quo(2.0), 7.fdiv(2r)
p 2 ** -2, (-2) ** -3, 1 ** -5, (-1) ** -3, 10 ** -20
p Rational(4, 9) ** Rational(1, 2), Rational(4, 9) ** Rational(2), 4 ** Rational(1, 2)
p Rational(-8) ** Rational(1, 3), (-8) ** (1.0 / 3), (-8.0) ** 0.5, (-8.0) ** 2.0
p Rational(1) ** Rational(1, 3), Rational(0) ** 3, Rational(-1) ** 3
[-> { Rational(1, 0) }, -> { a / 0 }, -> { Rational(0) ** -1 }, -> { 0 ** -1 }, -> { a / Rational(0) }].each do |f|
  f.call
rescue ZeroDivisionError => e
  p e
end
p a <=> b, a <=> 1, a <=> 0.3, a <=> "x", 1 <=> a, 0.25 <=> a
p a == Rational(2, 6), Rational(1) == 1, Rational(1, 2) == 0.5, a == "x", 1 == Rational(1), 0.5 == Rational(1, 2)
p a < 1, a > 0.5, a.between?(0, 1), Rational(5, 3).clamp(0, 1), 1 < a
p a.eql?(Rational(1, 3)), Rational(1).eql?(1), a.hash == Rational(2, 6).hash
p a.zero?, Rational(0).zero?, (-a).negative?, a.positive?, (-a).abs, a.magnitude
p a.coerce(2), a.coerce(2.5), a.coerce(b), a.coerce(Complex(1, 2)), a.coerce(Complex(1, 0))
[-> { a + "x" }, -> { a < nil }, -> { a.coerce(:s) }, -> { 1 + Object.new.then { |o| o } }].each do |f|
  f.call
rescue => e
  p [e.class, e.message]
end
p Rational(7, 2).divmod(1), Rational(7, 2) % 1, Rational(-7, 2).div(2), Rational(7, 2).remainder(2)
p Rational(-7, 2) % 2, Rational(-7, 2).divmod(2), 7 % 2r, 7.divmod(2r), 7.0 % 2r
p [Rational(1, 2), 0.25, 1, Rational(1, 3)].sort, [a, b].max, [a, b, Rational(1, 2)].sum, [1.0, a].sum
p (1..4).sum { |i| Rational(1, i) }, 1.step(2, Rational(1, 2)).to_a
p({Rational(1, 2) => 1}[Rational(2, 4)], {Rational(1, 2) => 1}[0.5])
p a.integer?, a.real?, a.real, a.imag, a.finite?, a.infinite?, a.frozen?
big = Rational(10**30, 3)
p big, big + 1, big.to_f, big.round, big * big.denominator
p Rational(1, 2**70) + Rational(1, 2**70), Rational(2**70, 2**69)
p 0.1r + 0.2r == 0.3r, 0.1 + 0.2 == 0.3
