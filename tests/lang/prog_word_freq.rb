# Word frequency counting
TEXT = <<~EOS
  The quick brown fox jumps over the lazy dog. The dog sleeps;
  the fox runs! A quick fox, a lazy dog -- and the END.
EOS
words = TEXT.downcase.scan(/[a-z]+/)
p words.size
freq = Hash.new(0)
words.each { |w| freq[w] += 1 }
top = freq.sort_by { |w, c| [-c, w] }.first(5)
top.each { |w, c| puts "#{w.ljust(6)} #{'*' * c} #{c}" }
p freq.select { |_, c| c == 1 }.keys.sort
p words.tally == freq
p words.group_by(&:size).transform_values(&:count).sort.to_h
p words.uniq.size
p words.max_by(&:length)
p words.each_cons(2).count { |a, b| a == "the" }
lengths = words.map(&:length)
puts "avg length: %.3f" % (lengths.sum.to_f / lengths.size)
p TEXT.lines.map { |l| l.split.size }
p TEXT.count("aeiou")
p freq.values.sum == words.size
letters = TEXT.downcase.delete("^a-z").chars.tally.sort_by { |ch, n| [-n, ch] }.first(3)
p letters
