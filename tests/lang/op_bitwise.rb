# Bitwise operators and shifts
p 0b1100 & 0b1010
p 0b1100 | 0b1010
p 0b1100 ^ 0b1010
p ~0
p ~0b1010
p 1 << 10
p 1 << 64
p 1 << 100
p 1024 >> 3
p -16 >> 2
p -1 >> 10
p 5 >> -1
p 5 << -1
p 0xff & -1
p -8 & 0xff
p 6[1]
p 6[0]
p 255.bit_length
p -1.bit_length
p (2**70) & (2**70 + 1)
p (2**70) | 1
p (2**70) ^ (2**70)
p (2**70) >> 60
p 10.to_s(2).count("1")
p 0b1010.digits(2)
p 12.gcd(18)
p 12.lcm(18)
p 7.even?
p 7.odd?
