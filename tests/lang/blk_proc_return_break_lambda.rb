# return/break/next semantics differ for procs and lambdas
def test_lambda
  l = -> { return 1; 2 }
  [l.call, :method_continues]
end
def test_proc
  pr = proc { return :proc_returned_from_method }
  pr.call
  :never
end
def test_next
  pr = proc { next :next_value; :never }
  [pr.call, :continues]
end
def test_break_lambda
  l = -> { break :lambda_break; :never }
  [l.call, :continues]
end
p test_lambda, test_proc, test_next, test_break_lambda
def lam_in_block
  [1, 2, 3].each do |x|
    f = ->(y) { return y * 100 }
    return [:from_block, f.call(x)] if x == 2
  end
end
p lam_in_block
def proc_from_lambda
  l = lambda do
    [1, 2].each { |x| return x * 7 }
    :not
  end
  [l.call, :after_lambda]
end
p proc_from_lambda
def method_to_proc_return = [1, 2].map(&method(:ret_val))
def ret_val(x)
  return x + 0.5
end
p method_to_proc_return
