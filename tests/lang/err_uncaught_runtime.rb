# Uncaught bare raise "string" inside a block
[1, 2, 3].each do |i|
  puts i
  raise "failed at #{i}" if i == 2
end
