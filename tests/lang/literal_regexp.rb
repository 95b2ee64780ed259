# Regexp literals and their forms
p /abc/
p /a\/b/
p %r{a/b}
p %r[x]i
p /x/mix
p /\d+/.source
n = 5
p /a#{n}b/
p /a#{n}b/.source
p /(?<word>\w+)/.names
p /a/.class
p /a/ == /a/
p /a/i.casefold?
p Regexp.new("a+b").source
p /[[:alpha:]]+/.match("123abc456")[0]
p /\s/.match?("a b")
p /\Aab\z/ =~ "ab"
p "x.y" =~ /\./
re = /(\d)(\d)?/
p re.match("1").to_a
p /ab/.inspect
p /a\nb/.inspect
p %r{/path/}.inspect
