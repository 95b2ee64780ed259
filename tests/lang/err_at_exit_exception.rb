# at_exit runs after an uncaught exception; $! is visible there
at_exit do
  puts "at_exit sees #{$!.class}: #{$!.message}"
  $stdout.flush
end
puts "main"
raise KeyError, "missing thing"
