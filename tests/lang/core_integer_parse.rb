# Integer/String round trips in different bases; parsing edge cases
[0, 1, -1, 255, 2**40, -(2**70)].each do |n|
  [2, 8, 10, 16, 36].each do |b|
    s = n.to_s(b)
    raise "round trip failed #{n} #{b}" unless s.to_i(b) == n
  end
  puts "#{n}: #{n.to_s(2).size} bits, hex #{n.to_s(16)}"
end
p "0b1010".to_i(0), "0o17".to_i(0), "0x1f".to_i(0), "017".to_i(0), "17".to_i(0)
p "1010".to_i(2), "z".to_i(36), "Z".to_i(36)
p "12abc".to_i, "  -42xyz".to_i, "+7".to_i, "--7".to_i, "1_000_000".to_i, "1__0".to_i
p "3.9".to_i, "1e5".to_i, "".to_i
p Integer("0b1010"), Integer("0o17"), Integer("0x1f"), Integer("-017"), Integer("1_000")
p Integer("z", 36), Integer("11", 2)
p ["1", "two", "3"].map { |s| Integer(s, exception: false) }
p 123.digits.reverse.join.to_i
p 1234567.to_s.reverse.scan(/\d{1,3}/).join(",").reverse
