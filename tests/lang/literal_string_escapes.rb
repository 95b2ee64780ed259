# Double-quoted string escapes
p "a\tb"
p "line1\nline2"
p "cr\r"
p "quote\"inside"
p "back\\slash"
p "\e[0m"
p "\s"
p "\0"
p "\a\b\f\v"
p "\x41\x42"
p "\101\102\103"
p "\u00e9"
p "\u{48 49}"
p "\u{1F600}".bytesize
p "\u00e9".length
p "\u00e9".bytesize
p "\#{not}"
p "\$x"
p "a\
b"
puts "tab:\t|"
puts "multi
line string"
p "\M-a".bytes rescue p :err
p "\cA".ord
p "\C-a".ord
p "\x7f".ord
p "\n".ord
p ?a
p ?\n
p ?a + ?b
