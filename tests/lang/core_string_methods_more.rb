# More String methods: tr ranges, delete/squeeze/count sets, each_byte, ord/chr, %-formatting
s = "Hello World 123"
p s.tr("a-z", "A-Z"), s.tr("^0-9", "*"), s.tr("lo", "01")
p s.delete("aeiou"), s.delete("^a-z"), s.delete("l", "lo")
p s.count("a-z"), s.count("^a-z"), s.count("lo", "o")
p s.squeeze, s.squeeze("l"), "aaabbbccc".squeeze("a-b")
p s.each_byte.first(3)
p s.index(/\d/), s.rindex("l"), s.index("o", 5)
p s.center(21, "<>")
p s.scan(/[A-Z]/)
p s.start_with?(/h/i)
p s.each_char.to_a.last(3)
p s.downcase.chars.uniq.size
p s.swapcase.reverse
p "%-5s|%5s|" % %w[ab cd]
p "a".ljust(3, "12345"), "a".rjust(4, "xy")
p "ab\n".dump rescue p :no_dump
p "ruby".then { |w| w[0].upcase + w[1..] }
p "a-b-c".split("-", 2), "a b".split(" ", -1)
p "abc".include?("") , "".include?("a")
p "x" * 0, "ab" * 1
p "CamelCase".gsub(/(?<!^)([A-Z])/, '_\1').downcase
