# inspect and to_s formats for objects without addresses
class Empty; end
class WithIvars
  def initialize = (@a = 1; @b = "two"; @c = [:three]; @d = nil)
end
class CustomInspect
  def inspect = "#<Custom!>"
end
class CustomToS
  def to_s = "custom to_s"
end
puts Empty.new.inspect.sub(/0x\h+/, "XX")
puts Empty.new.to_s.sub(/0x\h+/, "XX")
puts WithIvars.new.inspect.sub(/0x\h+/, "XX")
p CustomInspect.new
puts CustomInspect.new.inspect
p [CustomInspect.new, 1]
puts CustomToS.new
puts "#{CustomToS.new}"
p CustomToS.new.to_s
p({ k: CustomInspect.new })
class Nested
  def initialize = @inner = CustomInspect.new
end
puts Nested.new.inspect.sub(/0x\h+/, "XX")
p Empty
p Comparable
p Empty.inspect
p Empty.to_s
p Class
p nil.inspect
p nil.to_s
p true.inspect
p :sym.inspect
p "str".inspect
p 1.5.inspect
p (1..2).inspect
p [1, "a", :b, nil, 2.0].inspect
p({ 1 => { 2 => [3] } }.inspect)
p [[]].to_s
p({}.to_s)
p 10.inspect
p "quote\"s".inspect
class BadToS
  def to_s = 42
end
puts "#{BadToS.new}".sub(/0x\h+/, "XX")
class Pt
  def initialize(x) = @x = x
  def to_s = "Pt(#{@x})"
end
puts Pt.new(1)
puts Pt.new(1).inspect.sub(/0x\h+/, "XX")
puts [Pt.new(2)].to_s.sub(/0x\h+/, "XX")
puts [1, nil, "s"].to_s
