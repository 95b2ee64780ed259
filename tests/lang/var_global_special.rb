# Special globals
p $0
p $PROGRAM_NAME
p $0 == __FILE__
p $stdout.class
p $stderr.class
p $stdout == STDOUT
p $stderr == STDERR
$stdout.puts "via $stdout"
STDOUT.puts "via STDOUT"
$stdout.print "a", "b", "\n"
$stdout.write("written\n")
p $stdout.write("xy\n")
$stdout << "chained " << 1 << "\n"
p $/
p $,
p $!
begin
  raise "boom"
rescue
  p $!
  p $!.message
end
p $!
p [$;].inspect
p $stdin.class
p $stdout.respond_to?(:puts)
p $*.equal?(ARGV)
