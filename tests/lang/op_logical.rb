# && || ! and or not, short-circuit and values
p true && 1
p nil && 1
p false || :x
p 1 || 2
p nil || false
p !1
p !!nil
p (true and false)
p (nil or "default")
p (not nil)
def side(x)
  puts "side #{x}"
  x
end
side(false) && side(:never)
side(1) || side(:never)
side(nil) || side(2)
r = side(3) && side(4)
p r
x = true and false
p x
y = false or true
p y
z = (false or true)
p z
puts "unless" unless false
p (1 if true)
p (1 if false)
v = nil
v or puts("or branch")
v and puts("not printed")
p [nil, false, 0, "", [], {}].map { |e| e ? :truthy : :falsy }
p (not 1 == 2)
p !(1 == 2)
p 1.!
p nil.to_a
p true & false
p true | false
p true ^ true
p false ^ true
p nil & true
p nil | 1
