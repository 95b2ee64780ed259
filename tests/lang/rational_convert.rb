# Building Rationals: Kernel#Rational, strings, Float#to_r, rationalize; rounding; to_s
p Rational(0.5), Rational(1.5, 2), Rational(1.5, 2.5), Rational(3), Rational(1, 2r), Rational(1/3r, 1/2r)
p Rational(Complex(1, 0)), Rational(Complex(1.5, 0)), Rational(1r)
p Rational("1/3"), Rational(" 1/3 "), Rational("-1/3"), Rational("+1/3"), Rational("0.75")
p Rational("1e2"), Rational("1.5e-2"), Rational("1_000/3"), Rational("1/3", 2), Rational("1/3", "2/3")
p Rational("1.2/3"), Rational("1/2.5"), Rational("5."), Rational(".5"), Rational("1e+"), Rational("07/08")
["abc", "1/", "", "1/3x", "1/-3", "1__0", "0x10", "1e", "3 /4", "1.e2", "_1"].each do |s|
  Rational(s)
rescue ArgumentError => e
  puts e.message
end
[nil, Object.new, :a, Complex(1, 2), true].each do |v|
  Rational(v)
rescue TypeError, RangeError => e
  puts "#{e.class}: #{e.message.sub(/0x\h+/, 'X')}"
end
p Rational("abc", exception: false), Rational(nil, exception: false), Rational("1/0", exception: false)
begin
  Rational("1/0")
rescue ZeroDivisionError => e
  p e
end
%w[2/3 \ 2/3xyz 0.75 abc -1/3 1e2 1/2.5 1_000 1__0 1.2.3 1/2/3 1_/2 07/08 1e5_].each { |s| p [s, s.to_r] }
p nil.to_r, nil.rationalize, 3.to_r, 3.rationalize, 3.rationalize(0.1)
p 0.5.to_r, 0.1.to_r, -0.1.to_r, 1e-10.to_r, 2.0.to_r, 1e20.to_r
p 0.333.rationalize, 0.333.rationalize(0.01), 0.1.rationalize, -0.333.rationalize(Rational(1, 100))
p 3.14159.rationalize(0.001), 1.5.rationalize, 0.0.rationalize, (2.0 / 3).rationalize
p Rational(333, 1000).rationalize(Rational(1, 100)), Rational(-333, 1000).rationalize(Rational(1, 100))
p Rational(1, 3).rationalize, Rational(1, 3).rationalize(0.01)
[Float::NAN, Float::INFINITY, -Float::INFINITY].each do |f|
  f.to_r
rescue FloatDomainError => e
  p e
end
p 0.5.numerator, 0.5.denominator, 3.numerator, 3.denominator, Rational(6, 4).numerator
x = Rational(-7, 3)
p x.to_i, x.to_f, x.floor, x.ceil, x.truncate, x.round, x.to_r, x.to_s, x.inspect
p Rational(5, 2).round, Rational(-5, 2).round, Rational(5, 2).round(half: :even), Rational(7, 2).round(half: :even)
p Rational(5, 2).round(half: :down), Rational(-5, 2).round(half: :up), Rational(7, 2).round(half: nil)
y = Rational(22, 7)
p y.round(2), y.round(0), y.round(-1), Rational(220, 7).round(-1), y.floor(2), y.ceil(2), y.truncate(2)
p (-y).truncate(2), y.floor(-1), y.round(2, half: :even), Rational(3, 20).round(1, half: :even)
p Rational(12345, 100).round(-1), Rational(12345, 100).round(-2), Rational(-1, 3).round(1)
[-> { Rational(5, 2).round(half: :foo) }, -> { y.round(2.5) }, -> { y.floor(half: :even) }].each do |f|
  f.call
rescue ArgumentError, TypeError => e
  p [e.class, e.message]
end
p Integer(Rational(7, 2)), Float(Rational(7, 2)), "%.3f" % Rational(1, 3), "%s" % Rational(1, 3), "%d" % Rational(7, 2)
p Math.sqrt(Rational(1, 4)), Rational(1, 3).to_s.frozen?, Rational(3).to_s
