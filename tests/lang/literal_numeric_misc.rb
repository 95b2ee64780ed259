# Numeric literal details: negative literals, method calls on literals, bignum literals
p -1.abs
p -2 ** 2
p 2.0e0
p 1.23e+2
p 0.1e1
p 1e-2
p 00
p 0.0
p -0.0.to_s
p 10.0.to_i
p 1_0.0_1
p 123_456.789_012
p 0xFFFF_FFFF_FFFF_FFFF
p 0b1 << 70
p 99999999999999999999.class
p 1.+(2)
p 3.times.to_a
p 7.0.floor.class
p 1e3.class
