# More String methods used by ordinary programs
p "abc".each_char.with_index.map { |c, i| c * (i + 1) }
p "hello"*0
p "a".upto("e").to_a
p "Hello World".delete_prefix("Hello ").delete_suffix("ld")
p "hello".start_with?("he", "x")
p "text with words".partition(" ")
p "a.b.c".rpartition(".")
p "abc".between?("abb", "abd")
p "%".ord
p "The Quick".swapcase
p "hello world".each_char.select { |c| "aeiou".include?(c) }.size
p "hello"[1..-2]
p "hello".slice(1, 3)
p "hello".chars.sort.join
p "12abc".to_i, "abc".to_i, "3.7xyz".to_f, " 42 ".to_i, "-0x1A".hex, "777".oct
p "1e3".to_f, ".5".to_f, "1_000".to_i
p "a%b" % [] rescue p $!.class
p "abcabc".index("c", 3)
p "hello"[/l+/]
p "key: value".match(/(\w+): (\w+)/)[2]
p "x" .. "z"
p "ab".hash == "ab".hash
p "abc".then { _1 * 2 }
p "a b c".split(" ", -1)
p "a,b,".split(",")
p "a,b,".split(",", -1)
p "Mississippi".squeeze("sp")
p "hello world".capitalize
p "ab".ljust(1)
p "abc".insert(-1, "Z")
p "abc".sub(/b/) { |m| m.upcase }
p "2 + 3".delete(" ")
p "snake_case".tr("_", "-").upcase
p "x".encoding.name
p "abc" "def"
p "hello %s" % "you"
p "a\u0000b".size
