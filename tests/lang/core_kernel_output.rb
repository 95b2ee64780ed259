# puts, print, p, pp, $, $/ behaviour
puts "a", "b"
puts ["x", ["y", ["z"]]]
puts []
puts nil
puts
puts 1, 2.5, :sym
puts "ends with newline\n"
puts "two newlines\n\n"
print "no newline"
print "\n"
print "a", "b", 1, nil, "\n"
r = p
p r
r = p 1
p r
r = p 1, 2
p r
p "quoted", :sym, nil
x = p({ a: 1 })
p x
class Item
  def to_s = "item-to_s"
  def inspect = "item-inspect"
end
puts Item.new
p Item.new
print Item.new, "\n"
puts [Item.new, Item.new]
pp [1, { a: 2 }]
$stdout.puts "stdout puts"
STDOUT.print "STDOUT print\n"
$stdout.printf("%d-%s\n", 5, "f")
printf("%05.2f\n", 3.14159)
putc "z"
putc 10
$stdout.write("w1", "w2", "\n")
puts "multi\nline"
puts "tab\tand unicode é"
$stdout.flush
p $stdout.fileno
$stderr.puts "to stderr"
STDERR.print "stderr print\n"
