# Setter methods: assignment returns the argument, not the method's value
class Obj
  def x=(v)
    @x = v * 2
    :ignored_return
  end
  def x = @x
  def []=(k, v)
    @h ||= {}
    @h[k] = v
    :ignored_too
  end
  def [](k) = @h[k]
end
o = Obj.new
r = (o.x = 5)
p r
p o.x
p o.send(:x=, 7)
p o.x
r2 = (o[:k] = :val)
p r2
p o[:k]
p o.public_send(:[]=, :k2, 1)
a, o.x = 1, 100
p o.x
p (o.x ||= 3)
class Obj
  def count=(v)
    @count = v
  end
  def inc = self.count = (@count || 0) + 1
end
p o.inc, o.inc
s = Struct.new(:v).new(1)
p (s.v = 9)
h = {}
p (h[:z] = 3)
arr = []
p (arr[2] = :c)
