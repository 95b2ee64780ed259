# Splitting text into lines and words, each_line, chomp, squish-like ops
text = "first line\nsecond line\n\nfourth line\n"
p text.lines
p text.lines.map(&:chomp)
p text.each_line.count
text.each_line.with_index(1) { |l, i| puts "#{i}: #{l.chomp}" }
p text.split("\n")
p text.split(/\n/, -1)
p "a\r\nb\r\n".lines.map(&:chomp)
p "  many   spaces  here ".split
p "  many   spaces  here ".squeeze(" ").strip
p "word1 word2\tword3\nword4".split(/\s+/)
p text.lines.reject { |l| l.strip.empty? }.size
p text.count("\n")
p text.chomp.chomp
p "no newline".lines
p "".lines
p "x\n".chomp, "x\n\n".chomp, "x".chomp("x"), "x\r\n".chomp
p text.lines.map(&:split).map(&:size)
p "a,b;c d".split(/[,; ]/)
p "1 2 3".split.map(&:to_i).sum
