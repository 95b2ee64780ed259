# Integer arithmetic helpers
p 10.pow(20)
p 2.pow(100, 1_000_007)
p 17.gcd(5), 0.gcd(9), -12.gcd(18)
p 4.lcm(6)
p 100.digits, 0.digits, 255.digits(16)
p 10.bit_length, 0.bit_length, 255.bit_length
p 9.pred.succ
p -7.abs, 7.abs
p 6.fdiv(4)
p 2**10, 2**0
p 10.divmod(3), -10.divmod(3), 10.divmod(-3), -10.divmod(-3)
p 10 % 3, -10 % 3, 10.remainder(-3)
p 7.0.divmod(2)
p (2**64).divmod(7)
p -(2**64) / 3
p -(2**64) % 3
p Integer.sqrt(2**64)
p 1000000.to_s.length
p 12.to_s(2).rjust(8, "0")
p 36.to_s(36), 35.to_s(36)
p 3.zero?, 3.nonzero?, 0.nonzero?
p 5.ceil(-1), 5.floor(-1), 15.round(-1), -15.round(-1)
p 2.5.round, 3.5.round, -2.5.round
p 2.5.round(half: :even), 2.5.round(half: :down), 2.5.round(half: :up)
p 123.456.round(1), 123.456.round(-1), 123.456.floor(2)
p 10.0.round.class, 10.4.round(1).class
