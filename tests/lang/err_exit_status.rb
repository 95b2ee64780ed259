# exit 3 runs ensure blocks and at_exit handlers
at_exit { puts "at_exit handler" }
begin
  puts "exiting with 3"
  exit 3
ensure
  puts "ensure on exit"
end
puts "never"
