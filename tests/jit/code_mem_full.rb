# flags: --jit-tier1-threshold=2 --jit-mem-size=1
# check: code_mem_refusals >= 1
# check: compiled_iseqs >= 100
# Many small methods, each compiled at its second call, in 1 MiB of code memory: the
# memory fills, kiln stops compiling and keeps running correctly.
1000.times do |i|
  eval "def m#{i}(x)\n  s = 0\n  j = 0\n  while j < 3\n    s += x * #{i} + j\n    j += 1\n  end\n  s\nend"
end
total = 0
3.times { 1000.times { |i| total += send(:"m#{i}", i) } }
p total
