# abort prints its message to stderr and exits with status 1
at_exit { puts "at_exit still runs" }
puts "about to abort"
$stdout.flush
abort("fatal: something went wrong")
puts "never"
