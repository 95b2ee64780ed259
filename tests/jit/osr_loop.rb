# flags: --jit-tier1-threshold=100
# check: compiled_iseqs >= 1
# check: jit_entries >= 1
# A method called once whose loop gets hot: compiled and entered at the loop (OSR).
def hot(n)
  i = 0
  s = 0
  while i < n
    s += i * 3 - 1
    i += 1
  end
  s
end
p hot(200_000)
