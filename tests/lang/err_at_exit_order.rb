# at_exit handlers run in reverse order of registration, after main ends
at_exit { puts "registered first, runs last" }
at_exit { puts "registered second" }
def reg(n) = at_exit { puts "from method #{n}" }
reg(1)
at_exit do
  at_exit { puts "nested handler registered during exit" }
  puts "registered last, runs first"
end
puts "main body done"
