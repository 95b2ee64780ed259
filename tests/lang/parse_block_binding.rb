# do...end binds to the outermost call, {} to the nearest
def show(*args, &blk) = "args=#{args.inspect} block=#{blk ? blk.call : 'none'}"
def inner(&blk) = blk ? "inner got block #{blk.call}" : "inner no block"
puts show inner { :braces }
puts show inner do :do_end end
r2 = show inner do :do_end end
puts r2
r = [1, 2, 3].map do |x| x * 2 end
p r
p [1, 2].map { |x| x + 1 }
p([1, 2].map do |x| x + 10 end)
puts [1, 2].each_slice(1).map { |a| a.sum }.inspect
v = [3, 1, 2].sort_by do |x|
  -x
end
p v
def takes(x) = block_given? ? "#{x} with block" : "#{x} without block"
res = takes 1 do end
p res
p takes(2) { }
