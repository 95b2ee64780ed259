# N-queens: count and print solutions
def solve(n)
  solutions = []
  cols = []
  place = lambda do |row|
    if row == n
      solutions << cols.dup
      return
    end
    n.times do |c|
      next if cols.each_with_index.any? { |qc, r| qc == c || (qc - c).abs == row - r }
      cols.push(c)
      place.call(row + 1)
      cols.pop
    end
  end
  place.call(0)
  solutions
end
(1..8).each { |n| puts "#{n}: #{solve(n).size}" }
first = solve(6).first
first.each { |c| puts (0...6).map { |i| i == c ? "Q" : "." }.join(" ") }
p solve(4)
def count_bits(n, row = 0, cols = 0, d1 = 0, d2 = 0)
  return 1 if row == n
  total = 0
  avail = ~(cols | d1 | d2) & ((1 << n) - 1)
  while avail != 0
    bit = avail & -avail
    avail ^= bit
    total += count_bits(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1)
  end
  total
end
p (4..9).map { |n| count_bits(n) }
