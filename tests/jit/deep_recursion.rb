# flags: --jit-tier1-threshold=2
# check: fast_sends >= 1
# check: send_fast_miss >= 1
# Deep recursion in compiled code raises SystemStackError (the frame-room guard sends the
# call through the interpreter's send, which raises), and compiled code keeps working.
def down(n) = n == 0 ? 0 : 1 + down(n - 1)
p down(1000)
begin
  down(10_000_000)
rescue SystemStackError => e
  p e.class
end
p down(2000)
