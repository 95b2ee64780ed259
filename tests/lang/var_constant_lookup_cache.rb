# Constant lookup changes when constants are added later (cache invalidation)
X = :top
class A
  def get = X
end
p A.new.get
class A
  X = :a_level
end
p A.new.get
module M
  Y = :from_module
end
class B
  def get_y = (defined?(Y) ? Y : :undefined)
end
p B.new.get_y
class B
  include M
end
p B.new.get_y
class Base; Z = :base; end
class Kid < Base
  def z = Z
end
p Kid.new.z
class Kid
  Z = :kid
end
p Kid.new.z
results = []
3.times do |i|
  results << A.new.get
  A.send(:remove_const, :X) if i == 0
end
p results
Object.const_set(:LATE, 1)
def late = LATE
p late
Object.send(:remove_const, :LATE)
Object.const_set(:LATE, 2)
p late
