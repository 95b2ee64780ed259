# flags: --jit-tier1-threshold=2
# check: blacklisted >= 1
# check: exit_unsupported >= 4096
# A block whose every run ends in a side exit (`return` from a block is a throw, which
# runs in the interpreter): after enough exits its code is dropped and not compiled again.
def first_of(arr)
  arr.each { |x| return x * 2 }
  nil
end
i = 0
s = 0
while i < 10_000
  s += first_of([i, 1])
  i += 1
end
p s
