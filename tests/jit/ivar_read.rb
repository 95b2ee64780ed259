# flags: --jit-tier1-threshold=3
# check: compiled_iseqs >= 1
# check: ivar_slow >= 1
# Instance variable reads in compiled code through the cache; another class at the same
# site and an unset ivar exit to the interpreter.
class Pt
  def initialize(x, y) = (@x = x; @y = y)
  def sum
    i = 0
    s = 0
    while i < 100
      s += @x + @y
      i += 1
    end
    s
  end
end
class Pt3 < Pt
  def initialize(x, y, z) = (super(x, y); @z = z)
end
p Pt.new(1, 2).sum
p Pt3.new(3, 4, 5).sum
p Pt.new(5, 6).sum
class Lazy
  def get = @never_set
end
l = Lazy.new
p [l.get, l.get, l.get, l.get]
