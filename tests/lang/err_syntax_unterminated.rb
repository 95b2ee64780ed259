# Unclosed block: syntax error at end of input
puts "never printed"
[1, 2].each do |x|
  puts x
