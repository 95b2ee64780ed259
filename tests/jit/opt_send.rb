# flags: --jit-tier1-threshold=2
# check: fast_sends >= 3
# check: invalidations >= 1
# Operator instructions (opt_plus, opt_ge, opt_aref) whose operands no fast path takes
# call what their call site's profile saw like a send does: a user class's `+` (an inline
# frame push), String#>= and a user `[]` (direct C or Ruby calls); redefining one of them
# while the loop runs takes effect at once.
class V
  attr_reader :x
  def initialize(x) = @x = x
  def +(o) = V.new(@x + o.x)
end
class Grid
  def [](i) = i * 3
end

def run(n, g)
  acc = V.new(0)
  digits = 0
  s = 0
  i = 0
  while i < n
    acc = acc + V.new(i)
    c = (i % 10).to_s
    digits += 1 if c >= "0" && c <= "9"
    s += g[i]
    i += 1
  end
  [acc.x, digits, s]
end

p run(100, Grid.new)
p run(100, Grid.new)
class String
  def >=(o) = false
end
p run(100, Grid.new)
class Grid
  def [](i) = -i
end
p run(50, Grid.new)
