# flags: --jit-tier1-threshold=2
# check: compiled_iseqs >= 4
# Blocks called by C methods (each, map, times) run their compiled code without an
# interpreter loop of their own; what they raise must still reach the right handler:
# a rescue inside the block, a rescue in a method the block calls, break/next/return
# out of the block, and an exception that leaves the iterator.
def risky(x)
  raise ArgumentError, "odd #{x}" if x.odd?
  x
rescue ArgumentError => e
  -e.message.size
end

def first_big(arr)
  arr.each { |x| return x if x > 40 }
  nil
end

total = 0
30.times do |round|
  arr = (0...20).map { |i| i + round }
  total += arr.map { |x| risky(x) }.sum
  total += arr.map { |x|
    begin
      raise "boom" if x % 7 == 0
      x
    rescue => e
      e.message.size
    end
  }.sum
  total += arr.each_with_index.map { |x, i| next 0 if i.even?; x }.sum
  total += (arr.each { |x| break x * 2 if x > 15 } || 0)
  total += first_big(arr) || 0
  begin
    arr.each { |x| raise IndexError, "stop at #{x}" if x > 25 }
  rescue IndexError => e
    total += e.message.size
  end
end
p total
p [1, 2, 3].map { |x| [4, 5].map { |y| x * y } }
