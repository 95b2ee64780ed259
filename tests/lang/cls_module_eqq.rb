# Module#=== , is_a?, instance_of?, kind_of?
p Integer === 3
p Numeric === 3
p Comparable === 3
p String === 3
p Object === nil
p NilClass === nil
p BasicObject === 3
p Kernel === "x"
p Enumerable === [1]
p Enumerable === {}
p Enumerable === (1..2)
p Class === String
p Module === String
p Module === Kernel
p Class === Kernel
p 3.is_a?(Integer)
p 3.is_a?(Numeric)
p 3.instance_of?(Numeric)
p 3.instance_of?(Integer)
p 3.0.is_a?(Float)
p nil.is_a?(NilClass)
p true.is_a?(TrueClass)
p :s.is_a?(Symbol)
p (1..2).is_a?(Range)
p [].kind_of?(Array)
p ->{}.is_a?(Proc)
p String.is_a?(Class)
p String.is_a?(Module)
p Kernel.is_a?(Class)
p StandardError === RuntimeError.new
p Exception === ArgumentError.new
p ArgumentError === StandardError.new
class Animal; end
class Dog < Animal; end
p Animal === Dog.new
p Dog === Animal.new
p Dog.new.instance_of?(Animal)
begin
  3.is_a?(3)
rescue TypeError => e
  puts e.message
end
