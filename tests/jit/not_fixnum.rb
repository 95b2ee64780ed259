# flags: --jit-tier1-threshold=2
# check: compiled_iseqs >= 1
# check: opt_slow >= 1
# The same compiled + sees Integers, then Floats and Strings: type guards exit.
def add(a, b) = a + b
p add(1, 2)
p add(3, 4)
p add(1.5, 2.25)
p add("a", "b")
p add(2**70, 1)
p add(5, 6)
