# strings: string building and scanning. Builds a long string with << and
# interpolation, then scans it with each_char, each_byte and index. Checked
# against counts and digit sums computed with integer arithmetic only.

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon"]

def build(n)
  buf = ""
  i = 0
  while i < n
    w = WORDS[i % 5]
    buf << "#{w}-#{i}"
    buf << ";"
    i += 1
  end
  buf
end

def scan_chars(s)
  dashes = 0
  semis = 0
  digits = 0
  s.each_char do |c|
    if c == "-"
      dashes += 1
    elsif c == ";"
      semis += 1
    elsif c >= "0" && c <= "9"
      digits += 1
    end
  end
  [dashes, semis, digits]
end

def digit_value_sum(s)
  sum = 0
  s.each_byte do |b|
    sum += b - 48 if b >= 48 && b <= 57
  end
  sum
end

def count_sub(s, pat)
  count = 0
  pos = s.index(pat, 0)
  while pos
    count += 1
    pos = s.index(pat, pos + pat.size)
  end
  count
end

n = (ARGV[0] || 60_000).to_i
rounds = 5

len = 0
dashes = semis = digits = dsum = gammas = 0
r = 0
while r < rounds
  s = build(n)
  len = s.size
  dashes, semis, digits = scan_chars(s)
  dsum = digit_value_sum(s)
  gammas = count_sub(s, "gamma-")
  r += 1
end

# independent check: integer arithmetic only
exp_digits = 0
exp_dsum = 0
exp_wlen = 0
i = 0
while i < n
  exp_wlen += WORDS[i % 5].size
  exp_digits += 1
  exp_dsum += i % 10
  x = i / 10
  while x > 0
    exp_digits += 1
    exp_dsum += x % 10
    x /= 10
  end
  i += 1
end
exp_len = exp_wlen + exp_digits + 2 * n
exp_gammas = (n + 2) / 5

if len != exp_len || dashes != n || semis != n || digits != exp_digits ||
   dsum != exp_dsum || gammas != exp_gammas
  $stderr.puts "FAIL strings: len=#{len} dashes=#{dashes} semis=#{semis} digits=#{digits} " \
               "dsum=#{dsum} gammas=#{gammas}, expected #{exp_len} #{n} #{n} #{exp_digits} " \
               "#{exp_dsum} #{exp_gammas}"
  exit 1
end
puts "ok strings #{len}"
