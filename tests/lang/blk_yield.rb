# yield and block_given?
def twice
  yield
  yield
end
twice { puts "hi" }
def pass_val = yield(1, 2)
p pass_val { |a, b| a + b }
p pass_val { |a| a }
p pass_val { |*a| a }
p pass_val { |a, b, c| [a, b, c] }
def yield_arr = yield([1, 2])
p yield_arr { |a, b| [a, b] }
p yield_arr { |a| a }
def maybe
  return :no_block unless block_given?
  yield
end
p maybe
p maybe { :with_block }
def each_pair_like
  yield :k, :v
  yield [:k2, :v2]
end
each_pair_like { |k, v| p [k, v] }
def ret_of_yield = [yield, yield]
n = 0
p ret_of_yield { n += 1 }
def yield_kw = yield(a: 1)
p yield_kw { |a:| a }
p yield_kw { |h| h }
def nested_yield
  [1, 2].map { |x| yield x }
end
p nested_yield { |x| x * 10 }
def no_block_yield = yield
begin
  no_block_yield
rescue LocalJumpError => e
  p e.class
  puts e.message
end
p(twice do :do_end_block end)
def y_splat = yield(*[1, 2, 3])
p y_splat { |a, *b| [a, b] }
