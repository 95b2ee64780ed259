# Math module
p Math::PI
p Math::E
p Math.sqrt(16)
p Math.sqrt(2)
p Math.cbrt(27)
p Math.sin(0), Math.cos(0), Math.tan(0)
p Math.sin(Math::PI / 2)
p Math.atan(1) * 4 == Math::PI
p Math.atan2(1, 1)
p Math.exp(0), Math.exp(1) == Math::E
p Math.log(1), Math.log(Math::E), Math.log(8, 2), Math.log2(1024), Math.log10(1000)
p Math.hypot(3, 4)
p Math.sqrt(10**20)
p Integer.sqrt(99)
p Math.sqrt(4).class
begin
  Math.sqrt(-4)
rescue Math::DomainError => e
  p e.class
  puts e.message
end
begin
  Math.log(-1)
rescue Math::DomainError => e
  puts e.message
end
begin
  Math.sqrt("x")
rescue TypeError => e
  puts e.message
end
p Math.sqrt(nil) rescue p $!.class
include Math
p sqrt(81)
p (Math.sin(1)**2 + Math.cos(1)**2).round(10)
p Math.log(0)
p Math.exp(710)
