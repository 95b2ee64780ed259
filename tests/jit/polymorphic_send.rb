# flags: --jit-tier1-threshold=2
# check: fast_sends >= 1
# check: send_fast_miss >= 1
# A call site that sees one class, then three: the inline frame push's class guard fails
# for the other two and the generic send handles them.
class A; def v(x) = x + 1; end
class B; def v(x) = x * 2; end
class C; def v(x) = x - 3; end
def go(objs)
  s = 0
  i = 0
  while i < 3000
    s += objs[i % objs.size].v(i)
    i += 1
  end
  s
end
p go([A.new])
p go([A.new, B.new, C.new])
