# next and break inside blocks, procs and lambdas
def each_twice
  r1 = yield 1
  r2 = yield 2
  [r1, r2]
end
p each_twice { |x| next x * 10 if x == 1; x }
p(each_twice { |x| break :stopped if x == 2; x })
l = lambda { |x| next :next_in_lambda; :no }
p l.call(1)
l2 = -> { break :break_in_lambda; :no } rescue nil
p l2.call
pr = proc { next :next_in_proc; :no }
p pr.call
def run_proc(pr) = [pr.call, :after]
p run_proc(proc { next :n })
bp = proc { break :b }
begin
  bp.call
rescue LocalJumpError => e
  p e.class
  puts e.message
  p e.reason
  p e.exit_value
end
p [1, 2, 3].each_slice(2).map { |a| next a.sum }
r = [3, 4].each_with_index { |x, i| break [x, i] if i == 1 }
p r
def through = [1, 2, 3].map { |x| yield x }
p(through { |x| break x * 7 if x == 2; x })
p (1..3).flat_map { |x| next [] if x == 2; [x, x] }
