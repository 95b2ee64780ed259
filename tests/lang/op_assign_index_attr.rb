# Op-assign on a[i], h[k] and a.b
a = [1, 2, 3]
a[0] += 10
a[1] *= 5
a[-1] -= 1
p a
a[5] ||= :new
p a
a[0] ||= :unused
p a
h = Hash.new(0)
"abracadabra".each_char { |c| h[c] += 1 }
p h
g = {}
g[:list] ||= []
g[:list] << 1
g[:list] ||= :not
g[:list] << 2
p g
g[:list] &&= g[:list].size
p g
class Obj
  attr_accessor :x, :y
  def initialize = (@x = 1; @y = nil)
end
o = Obj.new
o.x += 1
p o.x
o.y ||= "set"
p o.y
o.y ||= "again"
p o.y
o.x &&= o.x * 100
p o.x
class Calls
  def initialize = @log = []
  attr_reader :log
  def [](i) = (@log << [:get, i]; i == 0 ? nil : 5)
  def []=(i, v)
    @log << [:set, i, v]
  end
end
c = Calls.new
c[0] ||= :x
c[1] ||= :y
c[1] += 1
p c.log
m = [[1, 2], [3, 4]]
m[1][0] += 10
p m
s = "abc"
s[0] = "X"
p s
n = { a: { b: 1 } }
n[:a][:b] += 1
p n
