# An uncaught exception at top level: message, class, exit status 1
puts "before"
$stdout.flush
raise ArgumentError, "bad"
puts "never"
