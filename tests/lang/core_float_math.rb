# Float arithmetic details: modulo, divmod, floor/ceil with digits, comparisons with Integer
p 7.5.divmod(2), -7.5.divmod(2), 7.5.modulo(-2)
p 1.0 % 0.3
p 5.0.floor, 5.9.floor, -5.1.floor, -5.9.ceil, 5.1.ceil
p 1.23456.floor(3), 1.23456.ceil(3), -1.23456.round(3)
p 1234.5.floor(-2), 1234.5.ceil(-2)
p 0.1 * 3 == 0.3, (0.1 * 3 - 0.3).abs < 1e-15
p 1e16.to_i, 1.0e-3 * 1000
p 3.0 == 3, 3.0.eql?(3)
p 2.0 ** 10, 2 ** 0.5, 10.0 ** -2
p [1.5, 1, 2**64, -0.5].max, [1.5, 1, 2**64, -0.5].min
p [3.0, 1.0, 2.0].sum / 3
p 1.0.to_s, 1.5e3.to_i
p 0.1 + 0.7, 4.35 * 100, 1.1 * 3
p 100.0.to_s, 1e2.inspect, 12e-1
p 7.0.nan?, (0.0 / 0.0).nan?
p Float::INFINITY - Float::INFINITY
p (0.1..0.5).step(0.1).map { |f| f.round(2) }
