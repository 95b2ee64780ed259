# flags: --jit-tier1-threshold=2
# check: invalidations >= 1
# Integer#^ on two Fixnums is compiled inline (a send, no opt_ instruction): Bignum and
# negative operands, and Integer#^ redefined after the loop was compiled.
def f(n)
  x = 0
  i = 0
  while i < n
    x ^= i
    x ^= (2**70) if i == 50
    x ^= (2**70) if i == 51
    i += 1
  end
  x
end
p f(100), f(1000), (-5) ^ 3, 7 ^ -1
class Integer
  def ^(o) = 42
end
p f(10)
