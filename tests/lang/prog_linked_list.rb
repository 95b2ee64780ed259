# A singly linked list with Enumerable
class LinkedList
  include Enumerable
  Node = Struct.new(:value, :next_node)
  attr_reader :size
  def initialize(*items)
    @head = nil
    @size = 0
    items.each { |i| push(i) }
  end
  def push(v)
    node = Node.new(v, nil)
    if @head.nil?
      @head = node
    else
      cur = @head
      cur = cur.next_node while cur.next_node
      cur.next_node = node
    end
    @size += 1
    self
  end
  alias << push
  def unshift(v)
    @head = Node.new(v, @head)
    @size += 1
    self
  end
  def each
    cur = @head
    while cur
      yield cur.value
      cur = cur.next_node
    end
    self
  end
  def reverse!
    prev = nil
    cur = @head
    while cur
      nxt = cur.next_node
      cur.next_node = prev
      prev, cur = cur, nxt
    end
    @head = prev
    self
  end
  def delete(v)
    return nil unless @head
    if @head.value == v
      @head = @head.next_node
      @size -= 1
      return v
    end
    cur = @head
    cur = cur.next_node while cur.next_node && cur.next_node.value != v
    return nil unless cur.next_node
    cur.next_node = cur.next_node.next_node
    @size -= 1
    v
  end
  def to_s = "(" + map(&:to_s).join(" -> ") + ")"
end
l = LinkedList.new(1, 2, 3)
l << 4 << 5
l.unshift(0)
puts l
p l.size
p l.to_a
p l.map { |x| x * x }
p l.select(&:even?)
p l.include?(3)
p l.reduce(:+)
l.reverse!
puts l
p l.delete(3), l.delete(42), l.delete(5)
puts l
p l.size
p l.sort
p l.first(2)
p l.min_by { |x| -x }
puts LinkedList.new
