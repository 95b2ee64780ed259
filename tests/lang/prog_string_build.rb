# Building strings: <<, interpolation, join, format, heredoc templates
s = +""
10.times { |i| s << i.to_s << (i.even? ? "," : ";") }
p s
buf = []
3.times { |i| buf << "line #{i}" }
puts buf.join("\n")
table = [["name", "qty", "price"], ["apple", 3, 1.5], ["kiwi", 12, 0.25]]
widths = table.transpose.map { |col| col.map(&:to_s).map(&:size).max }
table.each do |row|
  puts row.each_with_index.map { |c, i| c.is_a?(String) ? c.ljust(widths[i]) : c.to_s.rjust(widths[i]) }.join(" | ")
end
total = table[1..].sum { |_, q, pr| q * pr }
puts format("total: %8.2f", total)
html = <<~HTML
  <ul>
  #{%w[a b c].map { |x| "  <li>#{x}</li>" }.join("\n")}
  </ul>
HTML
puts html
big = "ab" * 5000
p big.size
p big.count("a")
acc = ""
1000.times { acc += "x" }
p acc.size
sym = (1..5).map { |i| "item#{i}" }.join(", ")
p sym
p "%s=%p" % ["k", "v"]
p [1, 2, 3].inject("") { |str, n| str + n.to_s * n }
words = %w[the kiln vm]
p words.map(&:capitalize).join(" ").center(20, "~")
p "abc".each_char.map { |c| c.ord.to_s(16) }.join(":")
out = String.new("start", capacity: 100) rescue (out = +"start")
out << "-end"
p out
p "x".concat("y", "z")
