# A stray `end`: syntax error reported on its line
puts "never printed"
x = 1
  end
puts x
