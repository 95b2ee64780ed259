# Integer() Float() String() Array() and to_* conversions
p Integer("42"), Integer("-0x1f"), Integer("1f", 16)
p Integer("0b101"), Integer("0o17"), Integer("017"), Integer(" 12 ")
p Integer("1_000")
p Integer("ff", 16), Integer("z", 36)
p Integer(3.99), Integer(-3.99)
p Integer("12", exception: false), Integer("xx", exception: false)
p Float("1.5"), Float("1e3"), Float(" 2 "), Float(3)
p Float("x", exception: false)
p String(12), String(nil), String(:s)
p Array(nil), Array([1]), Array(1..2), Array({ a: 1 })
p Hash([[1, 2]]) rescue p $!.class
p "12".to_i, "12.5".to_f, 12.to_s, 12.5.to_s, :a.to_s
p "0x1A".hex, "0b11".to_i(0), "11".to_i(2)
p 65.chr, "A".ord
p "3 apples".to_i, "apples".to_i, "".to_f
p [[:a, 1]].to_h, { a: 1 }.to_a
p 1.0.to_i, -1.9.to_i, 1e10.to_i
p 10.to_s(36), "a".to_i(16)
p "%.3e" % 0
begin
  Integer("4.5")
rescue ArgumentError => e
  puts e.message
end
begin
  Integer(nil)
rescue TypeError => e
  puts e.message
end
begin
  Float("")
rescue ArgumentError => e
  puts e.message
end
p 7.to_s.rjust(3, "0")
p "%d" % 42.9
p 0.1.to_s, 1.0.to_s, 1.to_f.to_s
