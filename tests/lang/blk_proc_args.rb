# Argument splatting rules: procs are lenient, lambdas strict
pr = proc { |a, b| [a, b] }
p pr.call(1)
p pr.call(1, 2, 3)
p pr.call([1, 2])
p pr.call([1, 2], 3)
p pr.call
one = proc { |a| a }
p one.call(1, 2)
p one.call([1, 2])
splat = proc { |*a| a }
p splat.call([1, 2])
p splat.call(1, [2])
trail = proc { |a, | a }
p trail.call([5, 6])
kwp = proc { |a, k: 0| [a, k] }
p kwp.call([1, 2])
p kwp.call(1, k: 3)
la = lambda { |a, b| [a, b] }
p la.call(1, 2)
[[1], [1, 2, 3], [[1, 2]]].each do |args|
  begin
    la.call(*args)
  rescue ArgumentError => e
    puts "#{args.inspect}: #{e.message}"
  end
end
p [[1, 2], [3, 4]].map { |a, b| a + b }
p [[1, 2], [3, 4]].map { |a| a }
p [[1, [2, 3]]].map { |a, (b, c)| [a, b, c] }
p [[1, 2]].each_with_index.map { |(a, b), i| [a, b, i] }
l2 = ->(a, b) { a + b }
begin
  p [[1, 2]].map(&l2)
rescue ArgumentError => e
  puts e.message
end
p({ a: 1, b: 2 }.map { |k, v| "#{k}#{v}" })
p({ a: 1 }.map { |pair| pair })
l1 = ->(pair) { pair }
p({ a: 1 }.map(&l1))
def yielder = yield(1, 2)
p yielder(&->(a, b) { a * b })
p(yielder { |a| a })
