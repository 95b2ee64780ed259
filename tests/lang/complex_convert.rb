# Building Complex numbers and taking them apart: Complex(), strings, polar form, to_s
p Complex(1), Complex(1.5), Complex(1, 0), Complex(1, 0.0), Complex(0, -0.0), Complex(1.0, -2.5)
p Complex(Rational(1, 2), 3), Complex(1, Rational(1, 2)), Complex(1r, 2r), Complex(Float::NAN, Float::NAN)
p Complex(1, Float::INFINITY), Complex(1, -Float::INFINITY), Complex("1", "2"), Complex(Complex(1, 2))
p Complex(Complex(1, 2), Complex(3, 4)), Complex(1, Complex(0, 1)), Complex(2i), Complex(1, 2i), Complex(1i, 2i)
p Complex("1+2i"), Complex("1-2i"), Complex("2i"), Complex("-i"), Complex("i"), Complex("1.5+2.5i")
p Complex("1/2+3/4i"), Complex("1e2i"), Complex("3"), Complex(" 1+2i "), Complex("1+2j"), Complex("1/3")
p Complex("1@2"), Complex("1.5@-1"), Complex("1e+2+3e-1i"), Complex("+1-2i"), Complex("1_0+2_0i")
["abc", "1+2ix", "1 + 2i", "(1+2i)", "1@", "1+", "1.i", "0x1+1i"].each do |s|
  Complex(s)
rescue ArgumentError => e
  puts e.message
end
[nil, Object.new, :a].each do |v|
  Complex(v)
rescue TypeError => e
  puts e.message
end
p Complex("abc", exception: false), Complex(nil, exception: false)
%w[1+2i 2.5 xyz 1+2ix -i 1+ 1+2 1@1 ij i1 1__0i 1\ +\ 2i].each { |s| p [s, s.to_c] }
p Complex.rect(1, 2), Complex.rectangular(1), Complex.polar(1), Complex.polar(2, 0), Complex.polar(0, 1)
p Complex.polar(1, Math::PI / 2), Complex.polar(1, Math::PI), Complex.polar(-1, 0), Complex.polar(1.0, 2)
p Complex.polar(2, -Math::PI / 2), Complex.polar(2, 1), Complex.polar(2r, 1), Complex.polar(2.0, Math::PI)
[-> { Complex.rect(1, Complex(1, 1)) }, -> { Complex.polar("1") }, -> { Complex.new(1, 2) }, -> { Complex.polar(1, 2, 3) }].each do |f|
  f.call
rescue TypeError, NoMethodError, ArgumentError => e
  p [e.class, e.message[/\A[^\n]*/]]
end
p Complex(3, 4).abs, Complex(0, 3).abs, Complex(-3, 0).abs, Complex(0.0, 3).abs, Complex(3, 0.0).abs
p Complex(1r / 2, 0).abs, Complex(3, 4).abs2, Complex(1.5, 4).abs2, Complex(3, 4).arg, Complex(-1, 0).arg
p Complex(0.0, -0.0).arg, Complex(-0.0, -0.0).arg, Complex(3, 4).polar, Complex.polar(*Complex(1, 2).polar)
p Complex(1, 2).to_s, Complex(1, -2).to_s, Complex(1.0, -0.0).to_s, Complex(-0.0, -0.0).inspect
p Complex(Float::NAN, Float::NAN).to_s, Complex(1, -Float::NAN).to_s, Complex(1, -Float::INFINITY).inspect
p Complex(Rational(1, 2), Rational(-1, 3)).to_s, Complex(Rational(1, 2), Rational(-1, 3)).inspect, "#{1 + 2i}"
p Complex(1, 0).to_i, Complex(1.5, 0).to_i, Complex(1, 0).to_f, Complex(1, 0).to_r, Complex(1.5, 0).to_r
p Complex(1, 0).rationalize, Complex(1.5, 0).rationalize(0.1), Complex(1, 2).to_c
[-> { Complex(1, 2).to_i }, -> { Complex(1, 0.0).to_f }, -> { Complex(1, 2).to_r }, -> { Complex(1, 2).rationalize }].each do |f|
  f.call
rescue RangeError => e
  p e
end
p Complex(1, 2).real?, Complex(1, 2).finite?, Complex(1, Float::INFINITY).finite?, Complex(1, Float::INFINITY).infinite?
p Complex(1, 2).infinite?, Complex(Float::NAN, 2).finite?, Complex(1, 2).zero?, Complex(0, 0).zero?
p Complex(1, 2).nonzero?, Complex(1, 2).integer?, Complex(1, 2).frozen?, Complex(1, 2).numerator
p Complex(Rational(1, 2), Rational(1, 3)).denominator, Complex(Rational(1, 2), Rational(1, 3)).numerator
p 3.i, 3.5.i, Rational(1, 2).i, 3.to_c, 3.5.to_c, nil.to_c, 3.real, 3.imag, 3.imaginary, 3.conj
p 3.arg, -3.arg, 3.0.arg, -3.0.arg, Float::NAN.arg, -0.0.arg, 3.angle, 3.phase, 3.polar, -3.5.polar
p 3.rect, 3.rectangular, 3.abs2, 3.real?, Rational(-1, 2).arg, Rational(1, 2).polar
p Complex.ancestors.take(3), 1i.respond_to?(:<), 1i.respond_to?(:floor), 1r.respond_to?(:floor)
p Math.sqrt(Complex(1, 2)), Math.sqrt(Complex(-4, 0)), Math.sqrt(Complex(-4.0, -0.0))
begin
  Math.sin(Complex(1, 2))
rescue RangeError => e
  p e
end
