# flags: --jit-tier1-threshold=3
# check: compiled_iseqs >= 1
# check: jit_entries >= 3
# As in ruby-jit-challenge: the third call compiles fib.
def fib(n)
  if n < 2
    return n
  end
  fib(n - 1) + fib(n - 2)
end
p fib(25)
