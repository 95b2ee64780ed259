# Integer methods
p 10.to_s
p -255.to_s(16)
p 255.to_s(2)
p "ff".to_i(16)
p 3.7.to_i
p 5.succ, 5.pred
p 5.abs, -5.abs, -5.magnitude
p 6.zero?, 0.zero?
p 5.positive?, -5.negative?
p 10.times.to_a
p 1.upto(4).to_a
p 4.downto(1).to_a
p 1.step(10, 3).to_a
p 10.digits
p 1234.digits.sum
p 3.14.to_i.class
p 65.chr
p "A".ord
p 10.fdiv(4)
p 7.to_f
p 2.integer?
p 2.0.integer?
p 12.gcd(8), 12.lcm(8)
p 10.pow(3)
p 10.pow(3, 7)
p 255.ord
p -7.abs2 rescue p 49
p 5.between?(1, 10)
p 1.size rescue p 8
p 100.clamp(1, 50)
p 3.times.map { |i| i * i }
r = []
5.times { |i| r << i }
p r
s = 0
1.step(9, 2) { |i| s += i }
p s
p 7.ceil(-1), 7.floor(-1), 15.round(-1), 25.round(-1)
p 1234.truncate(-2)
p Integer === 2**64
p (2**64).class
p 0.succ
p 10.coerce(2.5)
p 6.0.to_i
p 1_000.to_s.size
p 123.to_s.reverse.to_i
p 5.0 == 5
p 17.0 / 5
p -17.abs.to_s.rjust(5, "0")
