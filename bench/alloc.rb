# alloc: many short-lived objects. Each iteration allocates small Vec objects
# (value-style arithmetic returning new objects), a two-element Array and a
# short String, all garbage right away. Checked against closed forms.

class Vec
  attr_reader :x, :y

  def initialize(x, y)
    @x = x
    @y = y
  end

  def +(other)
    Vec.new(@x + other.x, @y + other.y)
  end

  def scale(k)
    Vec.new(@x * k, @y * k)
  end
end

n = (ARGV[0] || 2_200_000).to_i

acc = Vec.new(0, 0)
diff = 0
chars = 0
i = 0
while i < n
  v = Vec.new(i, 1)
  acc = acc + v.scale(2)           # 3 Vec allocations per iteration
  pair = [i, i + 3]                # a short-lived Array
  diff += pair[1] - pair[0]
  chars += ("v" + "w").size        # a short-lived String
  i += 1
end

exp_x = n * (n - 1)
exp_y = 2 * n
if acc.x != exp_x || acc.y != exp_y || diff != 3 * n || chars != 2 * n
  $stderr.puts "FAIL alloc: x=#{acc.x} y=#{acc.y} diff=#{diff} chars=#{chars}, " \
               "expected #{exp_x} #{exp_y} #{3 * n} #{2 * n}"
  exit 1
end
puts "ok alloc #{acc.x}"
