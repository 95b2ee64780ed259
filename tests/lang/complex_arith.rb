# Complex arithmetic: + - * / ** with Integer, Float, Rational and Complex operands
a = Complex(1, 2)
b = Complex(3, 4)
p a, a.real, a.imaginary, a.imag, a.rectangular, a.class, Complex::I
p a + b, a - b, a * b, a / b, a.quo(b), a.fdiv(b), -a, +a, a.conj, a.conjugate
p a + 1, a - 1, a * 2, a / 2, a + 1.5, a * 1.5, a / 2.0, a + Rational(1, 2), a * Rational(1, 2)
p 1 + a, 1 - a, 2 * a, 1 / a, 1.0 / a, 1.5 + a, 2.5 * a, Rational(1, 2) + a, Rational(1, 2) * a
p 2 * Complex(1.5, 2), 2 + Complex(1.5, 2), 2 - Complex(1.5, 2), 0 * Complex(1.5, 2), 2.5 - Complex(1.5, 2)
p Rational(1, 2) * Complex(1.5, 2), Complex(1.5, 2) * Complex(2, 0), Complex(0, 2) * Complex(0, 1.5)
p Complex(Float::INFINITY, 0) * Complex(1, 0), Complex(Float::INFINITY, 1) * 2, Float::INFINITY * Complex(0, 2)
p Complex(6, 8) / Complex(3, 4), Complex(4, 2) / 2, Complex(1, 2) / Rational(1, 2), Complex(1r, 2r) / 1
p Complex(1.1, 2.2) / Complex(3.3, 4.4), Complex(1, 2) / Complex(0.3, 0.7), Complex(1, 2) / Complex(Float::INFINITY, 1)
p a.fdiv(2), a.fdiv(Rational(1, 2)), Complex(1.0, 2) / 0.0
[-> { a / 0 }, -> { a / Complex(0, 0) }, -> { Complex(0, 0) ** -1 }].each do |f|
  f.call
rescue ZeroDivisionError => e
  p e
end
p a ** 2, a ** 3, a ** 0, a ** 1, a ** -1, a ** -2, a ** 100
p Complex(1.5, 2) ** 2, Complex(1.5, 2) ** 5, Complex(0.1, 0.2) ** 7, Complex(1, 1) ** -3, Complex(1.0, 1) ** -3
p 3i ** 2, Complex::I ** 2, 2i * 2i, Complex(2.0, 0) ** 2, Complex(0, 0) ** 2, Complex(0, 0) ** 0
p a ** 0.5, a ** Rational(1, 2), a ** Rational(2), a ** 2.0, a ** Complex(1, 1), a ** Complex(2, 0)
p Complex(-1, 0) ** 0.5, Complex(-4) ** 0.5, Complex(4) ** 0.5, Complex(3, 4) ** 2.5, Complex(3, 4) ** -2.5
p Complex(0, 0) ** Complex(1, 1), Complex(0, 0) ** 0.5, a ** Complex(0, 0), a ** 0.0
p 2 ** Complex(0, 1), 2.0 ** Complex(1, 1), Rational(1, 2) ** Complex(1, 1), Rational(2, 3) ** Complex(1, 1)
p (-8.0) ** (1.0 / 3), (-8.0) ** 1.5, (-8.0) ** -0.5, (-8) ** -1.5, (-1.0) ** 0.25, (-8.0) ** Float::NAN
p (-8) ** Rational(2, 3), (-8) ** Rational(-1, 3), (-Float::INFINITY) ** 0.5, (-0.0) ** 0.5
p a == Complex(1, 2), Complex(1, 0) == 1, a == 1, Complex(1.0, 0) == 1, a == "a", 1 == Complex(1, 0)
p 1.0 == Complex(1, 0), Complex(1, 0) == Rational(1), Complex(Float::NAN, 0) == Complex(Float::NAN, 0)
p a <=> a, Complex(1, 0) <=> Complex(2, 0), Complex(1, 0) <=> 2, a <=> 1, Complex(1, 0) <=> "a"
p a.eql?(Complex(1, 2)), a.eql?(Complex(1.0, 2)), Complex(1, 0).eql?(1), a.hash == Complex(1, 2).hash
p a.coerce(1), a.coerce(1.5), a.coerce(b)
[-> { a.coerce("a") }, -> { a + "a" }, -> { a < b }, -> { a % 2 }, -> { a.floor }, -> { a.positive? }].each do |f|
  f.call
rescue TypeError, NoMethodError => e
  p [e.class, e.message[/\A[^\n]*/]]
end
p [a, b].sum, [1i, 2].sum, [a, a].uniq, {a => 1}[Complex(1, 2)], (1..4).map { |k| 1i ** k }
p Complex(0.1, 0.2) + Complex(0.2, 0.1), a - Complex(1.0, 2), Complex(1.0, 2) - 1.0
