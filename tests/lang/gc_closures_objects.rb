# Objects, closures and bignums created under collection pressure
class Node
  attr_accessor :val, :nxt
  def initialize(v, n = nil) = (@val, @nxt = v, n)
end
head = nil
1000.times { |i| head = Node.new(i, head) }
n = 0
cur = head
while cur
  n += cur.val
  cur = cur.nxt
end
p n
procs = (1..500).map { |i| s = "captured #{i}"; -> { s } }
p procs[0].call, procs[499].call
counters = (1..100).map { c = 0; -> { c += 1 } }
counters.each { |c| 3.times { c.call } }
p counters.map(&:call).sum
big = 1
200.times { |i| big = big * 3 + i }
p big.to_s.size, big % 1_000_007
fact = (1..300).reduce(:*)
p fact.to_s.size, fact.digits.first(5)
e = (1..100).map { |i| [i.to_s, i.to_f, i**20] }
p e.last
errs = (1..200).map { |i| begin; raise ArgumentError, "e#{i}"; rescue => x; x; end }
p errs.last.message, errs.map(&:class).uniq
