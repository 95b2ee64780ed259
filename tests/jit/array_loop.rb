# flags: --jit-tier1-threshold=10
# check: compiled_iseqs >= 1
# check: opt_slow >= 2
# Array reads and writes in a compiled loop; an index past the end and a Hash receiver
# leave through their guards, and the interpreter gives the right answers.
def fill(a, n)
  i = 0
  while i < n
    a[i] = i * i
    i += 1
  end
  a
end
def total(a)
  s = 0
  i = 0
  while i <= a.length        # reads one past the end: nil, then a guard exit each time
    s += a[i] || 0
    i += 1
  end
  s
end
a = fill([0] * 50, 50)
p total(a)
p total(fill([0] * 5, 8))
h = {0 => 7, 1 => 8}
p fill(h, 2)
