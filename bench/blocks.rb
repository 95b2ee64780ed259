# blocks: each / map / inject / times / select with blocks that read and write
# captured locals, a method that yields, and lambdas closing over their
# creator's locals. Checked against closed-form sums.

def each_pair_sum(arr)
  i = 0
  n = arr.size - 1
  while i < n
    yield arr[i] + arr[i + 1]
    i += 1
  end
end

def make_counter
  count = 0
  [lambda { |k| count += k }, lambda { count }]
end

def make_scaler(factor)
  lambda { |x| x * factor }
end

rounds = (ARGV[0] || 4_800).to_i
size = 1000
arr = Array.new(size) { |i| i }

total = 0
pairs = 0
evens = 0
bump, read = make_counter
triple = make_scaler(3)

rounds.times do |r|
  offset = r % 7
  mapped = arr.map { |x| x + offset }                  # reads captured offset
  total += mapped.inject(0) { |acc, x| acc + x }
  arr.each { |x| total += x * offset }                 # writes captured total
  evens += arr.select { |x| x.even? }.size
  each_pair_sum(arr) { |s| pairs += s }                # yield from a method
  10.times { |k| bump.call(triple.call(k)) }           # closures over other frames
end

# closed forms
base = size * (size - 1) / 2                           # sum of arr
sum_off = 0
r = 0
while r < rounds
  sum_off += r % 7
  r += 1
end
exp_total = rounds * base + size * sum_off + base * sum_off
exp_pairs = rounds * (2 * base - (size - 1))           # each interior element counted twice
exp_evens = rounds * (size / 2)
exp_counter = rounds * 3 * 45

if total != exp_total || pairs != exp_pairs || evens != exp_evens || read.call != exp_counter
  $stderr.puts "FAIL blocks: total=#{total} pairs=#{pairs} evens=#{evens} counter=#{read.call}, " \
               "expected #{exp_total} #{exp_pairs} #{exp_evens} #{exp_counter}"
  exit 1
end
puts "ok blocks #{total}"
