# Non-local return from blocks and procs
def find_first(arr)
  arr.each { |x| return x if x > 1 }
  :none
end
p find_first([1, 2, 3])
p find_first([0])
def proc_ret
  pr = proc { return :from_proc }
  pr.call
  :after
end
p proc_ret
def lambda_ret
  l = -> { return :from_lambda }
  [l.call, :after]
end
p lambda_ret
def stored
  @pr = proc { return :stored_return }
  helper
  :not_reached
end
def helper = @pr.call
p stored
def deep_each
  [1, 2].each do |a|
    [3, 4].each do |b|
      return [a, b] if b == 4
    end
  end
end
p deep_each
def ensure_on_return
  [1].each do
    begin
      return :ret
    ensure
      puts "ensure in block"
    end
  end
end
p ensure_on_return
def make_proc = proc { return 1 }
orphan = make_proc
begin
  orphan.call
rescue LocalJumpError => e
  p e.class
  puts e.message
end
def yielder = [yield, :after_yield]
def via_yield
  yielder { return :returned_through_yield }
  :no
end
p via_yield
def lam_in_each = [1, 2].map(&->(x) { return x * 5 })
p lam_in_each
def method_obj = [1, 2].map(&method(:m2))
def m2(x) = (return x + 1)
p method_obj
