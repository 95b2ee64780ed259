# Regexp basics: =~, match, captures, gsub, scan, special vars
p "hello" =~ /ll/
p "hello" =~ /z/
p /(\d+)-(\d+)/.match("tel 12-34").captures
m = "John Smith".match(/(?<first>\w+) (?<last>\w+)/)
p m[:first], m["last"], m[0], m.pre_match, m.post_match
p m.names
if "2024-01-15" =~ /(\d+)-(\d+)-(\d+)/
  p [$1, $2, $3, $~[0]]
end
p $~.class
p "a1b22c333".scan(/\d+/)
p "a1b22".scan(/([a-z])(\d+)/)
p "hello world".gsub(/o/, "0")
p "hello world".gsub(/(l+)/) { $1.upcase }
p "hello world".sub(/(\w+) (\w+)/, '\2 \1')
p "a-b_c d".split(/[-_ ]/)
p "CSV,,data".split(/,/)
p "test" !~ /x/
p "x".match?(/X/i)
p /a.c/m.match?("a\nc")
p "foo bar" =~ /\bbar/
p "line1\nline2"[/^line2$/]
p Regexp.escape("a.b*c")
p Regexp.new("h(.)llo").match("hallo")[1]
p /x/.source, /x/i.options != 0
p /(\w)(\w)/.match("ab").to_a
p "aaa".gsub(/a/, "a" => "1")
p "The Cat".downcase.tr("^a-z", "")
p "2 + 3 = 5".scan(/\d/).map(&:to_i).sum
p "phone: 555-1234" =~ /\d{3}-\d{4}/
p $~ && $~[0]
p "abc".sub(/x/, "y")
p "hello"[/l(l)o/, 1]
p "path/to/file.rb".match(/([^\/]+)\.rb$/)[1]
p /\A\d+\z/.match?("123"), /\A\d+\z/.match?("12a")
case "apple123"
when /^[a-z]+\d+$/ then p :matched_case
end
p "one two three".gsub(/\w+/) { |w| w.length.to_s }
p "x1y2".tr("0-9", "#")
p /(?i)abc/ =~ "xABC"
p "aAbB".scan(/[A-Z]/).join
p (/(a)|(b)/.match("b")).captures
