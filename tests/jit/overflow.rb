# flags: --jit-tier1-threshold=5
# check: compiled_iseqs >= 1
# check: opt_slow >= 1
# A Fixnum sum that overflows into a Bignum inside compiled code: the guard exits and the
# interpreter does the Bignum addition.
def grow(x, n)
  i = 0
  while i < n
    x = x + x
    i += 1
  end
  x
end
p grow(1, 100)
p grow(3, 70) - grow(3, 69)
