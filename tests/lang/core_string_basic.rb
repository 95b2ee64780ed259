# Common String methods
s = "Hello, World"
p s.length, s.size
p s.upcase, s.downcase, s.swapcase, s.capitalize
p s.reverse
p s.include?("World")
p s.start_with?("Hell"), s.end_with?("d")
p s.index("o"), s.rindex("o")
p s.index("z")
p s[0], s[-1], s[0, 5], s[7..], s[0...-7]
p s[100]
p s.sub("World", "kiln")
p s.gsub("l", "L")
p s.count("l")
p s.delete("l")
p s.squeeze
p "  pad  ".strip, "  pad  ".lstrip, "  pad  ".rstrip
p "line\n".chomp, "line".chop, "abc".chomp("c")
p "a,b,,c".split(",")
p "a b  c".split
p "a,b,c".split(",", 2)
p "abc".split("")
p "a-b_c".tr("-_", "  ")
p "hello".tr("el", "ip")
p "ab" * 3
p "a" + "b"
p "abc".chars
p "abc".bytes
p "a\nb\nc".lines
p "abc".each_char.to_a
p "hello world".split.map(&:capitalize).join(" ")
p "5".rjust(3, "0"), "5".ljust(3, "."), "mid".center(9, "*")
p "abc" <=> "abd"
p "abc".eql?("abc")
p "abc".empty?, "".empty?
p "Hello"[1..3]
p "title case".split.map { |w| w[0].upcase + w[1..] }.join(" ")
p "abc".succ, "az".next, "zz".succ, "a9".succ
p "ruby" =~ /b/
p "CamelCaseString".gsub(/([A-Z])/) { "_" + $1.downcase }
p "x=1;y=2".split(";").map { |kv| kv.split("=") }.to_h
p "%s has %d items (%.2f)" % ["cart", 3, 4.5]
p "abc".ord
p "hello world".scan(/o/)
p "snake_case_word".split("_").map.with_index { |w, i| i.zero? ? w : w.capitalize }.join
