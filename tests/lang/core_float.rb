# Float behaviour: division by zero, NaN, infinity, rounding, to_s
p 1.0 / 0
p -1.0 / 0
p 0.0 / 0
nan = 0.0 / 0
p nan == nan
p nan != nan
p nan > 1, nan < 1, nan == 1
p nan.nan?
p (1.0 / 0).infinite?
p (-1.0 / 0).infinite?
p 1.0.infinite?
p 1.0.finite?
p Float::INFINITY > 10**100
p Float::MAX
p Float::MIN
p Float::EPSILON
p Float::DIG
p 1 / 0.0
p 1.fdiv(0)
p -0.0
p 0.0 * -1
p 3.7.floor, 3.2.ceil, 3.5.round, -3.5.round, 3.49.round
p 3.14159.round(2)
p 3.14159.floor(3)
p 3.14159.ceil(1)
p 12345.678.round(-2)
p 10.0.to_s
p 1e2.to_i
p 1.23456789e-7
p 123456789.123456789
p 1.0e100
p 9007199254740993.0
p 0.1 * 3
p 1.1 + 2.2
p 100.0 / 3
p 2.0 ** 0.5
p 10.0 % 3
p -10.0 % 3
p 10.0.divmod(-3)
p 3.0.to_i.class
p 1e-4, 1e-3
p 0.5.to_s, 1e15.to_s, 1e16.to_s
p 2.5.floor.class
p 7.0.truncate
p 4.2 % 0.1 < 0.1
p 1.23.abs, -1.23.abs
p 5.0.eql?(5.0)
p 1e308 * 10
p -1e308 * 10
p (0.1 + 0.2).round(15)
p 1.0.next_float > 1.0
