# proc, Proc.new, lambda, -> and their call forms
pr = proc { |a, b| "#{a}-#{b}" }
pn = Proc.new { |a| a }
la = lambda { |a, b| a * b }
st = ->(a, b = 2) { a + b }
p pr.call(1, 2)
p pr.(3, 4)
p pr[5, 6]
p pr.yield(7, 8)
p pn.call(:x)
p la.call(3, 4)
p st.call(1)
p st.(1, 5)
p pr.lambda?, pn.lambda?, la.lambda?, st.lambda?
p pr.class, la.class
p -> {}.call
p ->() { :empty_params }.()
p ->x { x }.call(9)
p (->(x) do x * 2 end).call(4)
compose = ->(x) { x + 1 } >> ->(x) { x * 10 }
p compose.call(1)
compose2 = ->(x) { x + 1 } << ->(x) { x * 10 }
p compose2.call(1)
sq = proc { |x| x * x }
p [1, 2, 3].map(&sq)
cur = ->(a, b, c) { a + b + c }.curry
p cur[1][2][3]
p cur.(1, 2).(3)
p proc { |x| }.call
p la.to_proc.equal?(la)
p st.inspect.include?("lambda")
p proc { 1 }.inspect.include?("(lambda)")
