# Scope gates: def, class, module do not see outer locals; blocks do
outer = :outer_value
def m = defined?(outer).inspect
p m
class C
  p defined?(outer)
  inside_class = 1
  define_method(:dm) { defined?(inside_class) }
end
p C.new.dm
module Mo
  p defined?(outer)
end
blk = -> { outer }
p blk.call
C2 = Class.new do
  define_method(:sees_outer) { outer }
end
p C2.new.sees_outer
p [1].map { outer }
if true
  in_if = :visible_after_if
end
p in_if
1.times { in_block = 1 }
p defined?(in_block)
x = 1
p (lambda { x = 2; x }).call
p x
def self.sm = defined?(x)
p sm
