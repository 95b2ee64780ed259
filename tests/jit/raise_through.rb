# flags: --jit-tier1-threshold=2
# check: compiled_iseqs >= 3
# check: fast_sends >= 2
# An exception raised two compiled frames down, rescued in a compiled loop; an ensure
# runs when it passes through.
def inner(n)
  raise ArgumentError, "boom #{n}" if n == 150
  n * 2
end
def middle(n) = inner(n) + 1
def outer(n)
  total = 0
  i = 0
  while i < n
    begin
      total += middle(i)
    rescue ArgumentError => e
      total += 1000
      last = e.message
    end
    i += 1
  end
  [total, last]
end
p outer(300)
def ensure_count(n)
  r = []
  begin
    middle(n)
  ensure
    r << :ensured
  end
  r
end
p((ensure_count(150) rescue $!.message))
