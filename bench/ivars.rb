# ivars: instance variable reads and writes, both inside methods (@ivar += ...)
# and through attr_accessor from the caller, in a tight loop.
# Checked against closed-form sums.

class Stats
  attr_accessor :count, :sum, :sumsq, :last

  def initialize
    @count = 0
    @sum = 0
    @sumsq = 0
    @last = nil
  end

  def add(v)
    @count += 1
    @sum += v
    @sumsq += v * v
    @last = v
  end
end

class Point
  attr_accessor :x, :y

  def initialize(x, y)
    @x = x
    @y = y
  end
end

n = (ARGV[0] || 8_000_000).to_i

stats = Stats.new
pt = Point.new(0, 0)
i = 0
while i < n
  stats.add(i % 1000)
  pt.x = pt.x + 1
  pt.y = pt.y + pt.x
  if stats.last == 999
    stats.count = stats.count + 1  # extra write through the accessor
  end
  i += 1
end

# closed forms
q = n / 1000
r = n % 1000
exp_sum = q * 499_500 + r * (r - 1) / 2
exp_sumsq = q * 332_833_500 + (r - 1) * r * (2 * r - 1) / 6
exp_count = n + q
exp_x = n
exp_y = n * (n + 1) / 2

if stats.sum != exp_sum || stats.sumsq != exp_sumsq || stats.count != exp_count ||
   pt.x != exp_x || pt.y != exp_y
  $stderr.puts "FAIL ivars: sum=#{stats.sum} sumsq=#{stats.sumsq} count=#{stats.count} x=#{pt.x} y=#{pt.y}, " \
               "expected #{exp_sum} #{exp_sumsq} #{exp_count} #{exp_x} #{exp_y}"
  exit 1
end
puts "ok ivars #{stats.sumsq + pt.y}"
