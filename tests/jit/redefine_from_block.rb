# flags: --jit-tier1-threshold=2
# check: invalidations >= 1
# check: exit_invalidated >= 1
# A method redefined from a block that compiled code calls: the compiled callers of the
# old method are invalidated and the next call runs the new one.
class Greeter
  def greet(n) = n + 1
end
def each_n(n)
  i = 0
  while i < n
    yield i
    i += 1
  end
end
def run(g)
  total = 0
  each_n(200) do |i|
    total += g.greet(i)
    if i == 100
      Greeter.class_eval { def greet(n) = n + 1000 }
    end
  end
  total
end
p run(Greeter.new)
