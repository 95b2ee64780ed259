# hash_words: word counting. Generates a deterministic text from a
# pseudo-random generator, splits it into words, and counts them in a
# Hash.new(0) with String keys, a second Hash with Symbol keys (to_sym), and
# a small Hash keyed by literal symbols (:short/:medium/:long).
# Checked against per-word counts recorded in an Array while generating.

SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ra", "so", "ti", "vu", "ze", "bel", "dor"]

# vocabulary: all one-, two- and some three-syllable words
vocab = []
SYLLABLES.each { |a| vocab << a }
SYLLABLES.each { |a| SYLLABLES.each { |b| vocab << a + b } }
SYLLABLES.each_with_index do |a, i|
  SYLLABLES.each_with_index do |b, j|
    vocab << a + b + SYLLABLES[(i + j) % 12] if (i + j) % 3 == 0
  end
end

nwords = (ARGV[0] || 300_000).to_i
rounds = 8

# generate text with a linear congruential generator, recording counts
expected = Array.new(vocab.size, 0)
seed = 12_345
text = ""
k = 0
while k < nwords
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
  idx = (seed >> 8) % vocab.size
  expected[idx] += 1
  text << vocab[idx]
  text << " "
  k += 1
end

counts = nil
sym_counts = nil
by_len = nil
r = 0
while r < rounds
  counts = Hash.new(0)
  sym_counts = Hash.new(0)
  by_len = { short: 0, medium: 0, long: 0 }
  text.split(" ").each do |w|
    counts[w] += 1
    sym_counts[w.to_sym] += 1
    if w.size <= 3
      by_len[:short] += 1
    elsif w.size <= 5
      by_len[:medium] += 1
    else
      by_len[:long] += 1
    end
  end
  r += 1
end

# check against the counts recorded during generation
bad = 0
distinct = 0
exp_len = { short: 0, medium: 0, long: 0 }
vocab.each_with_index do |w, i|
  e = expected[i]
  next if e == 0
  distinct += 1
  bad += 1 if counts[w] != e || sym_counts[w.to_sym] != e
  key = w.size <= 3 ? :short : (w.size <= 5 ? :medium : :long)
  exp_len[key] += e
end
total = 0
counts.each_value { |v| total += v }

if bad != 0 || total != nwords || counts.size != distinct || sym_counts.size != distinct ||
   by_len[:short] != exp_len[:short] || by_len[:medium] != exp_len[:medium] ||
   by_len[:long] != exp_len[:long]
  $stderr.puts "FAIL hash_words: #{bad} wrong counts, total=#{total} distinct=#{counts.size}/#{sym_counts.size} " \
               "expected total=#{nwords} distinct=#{distinct}"
  exit 1
end
puts "ok hash_words #{distinct}"
