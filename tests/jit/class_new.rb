# flags: --jit-tier1-threshold=2
# check: new_sites >= 3
# Class#new compiled as an allocation and a call of initialize (a FRAME_CTOR frame):
# new returns the object whatever initialize returns (also `return` from a block inside
# it), backtraces still show `new`, exceptions and rescue inside initialize, a default
# initialize, and initialize redefined while the compiled site runs.
class Pt
  attr_reader :x, :y
  def initialize(x, y)
    @x = x
    @y = y
    raise ArgumentError, "bad #{x}" if x == 77
    :ignored
  end
end

class Early
  attr_reader :v
  def initialize(v)
    @v = v
    [1, 2].each { |k| return k if v > 5 }   # return from a block: new still gives the object
    @v = -v
  end
end

class Bare; end

class Fussy
  attr_reader :log
  def initialize(n)
    @log = []
    begin
      raise "inner #{n}" if n.odd?
      @log << :even
    rescue => e
      @log << e.message
    end
  end
end

def make_pt(i) = Pt.new(i, i * 2)
def make_early(i) = Early.new(i)
def make_bare = Bare.new
def make_fussy(i) = Fussy.new(i)

sum = 0
i = 0
while i < 100
  begin
    pt = make_pt(i)
    sum += pt.x + pt.y
  rescue ArgumentError => e
    puts "#{e.message}: #{e.backtrace.map { |l| l[/in `.*'/] }.join(' < ')}"
  end
  e = make_early(i)
  sum += e.v
  raise "not an Early" unless e.is_a?(Early)
  raise "not a Bare" unless make_bare.class == Bare
  sum += make_fussy(i).log.size
  i += 1
end
p sum
p make_fussy(3).log
p make_early(9).v, make_early(2).v

class Pt
  def initialize(x, y)
    @x = y
    @y = x
  end
end
p make_pt(5).x
p make_pt(5).class
p caller_locations(0).size
