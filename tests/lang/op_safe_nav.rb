# Safe navigation &.
s = nil
p s&.length
s = "abc"
p s&.length
p nil&.foo(bar_never_called)
p nil&.length.nil? rescue p :err
class Node
  attr_accessor :nxt, :val
  def initialize(v, n = nil) = (@val, @nxt = v, n)
end
list = Node.new(1, Node.new(2))
p list.nxt&.val
p list.nxt&.nxt&.val
p list&.nxt&.nxt&.nxt
x = nil
x&.val = 5
p x
list&.val = 10
p list.val
list.nxt&.val += 1
p list.nxt.val
calls = 0
counter = -> { calls += 1; 1 }
nil&.+(counter.call)
p calls
p false&.!
p [nil, "x"].map { |e| e&.upcase }
h = nil
p h&.[](:k)
p 5&.then { _1 + 1 }
