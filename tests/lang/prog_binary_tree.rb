# Binary search tree: insert, traverse, height, delete
class BST
  Node = Struct.new(:key, :left, :right)
  include Enumerable
  def initialize = @root = nil
  def insert(k)
    @root = ins(@root, k)
    self
  end
  def each(&b) = walk(@root, &b)
  def height(n = @root) = n.nil? ? 0 : 1 + [height(n.left), height(n.right)].max
  def include?(k)
    n = @root
    while n
      return true if k == n.key
      n = k < n.key ? n.left : n.right
    end
    false
  end
  def delete(k) = @root = del(@root, k)
  def to_s = fmt(@root)
  private
  def ins(n, k)
    return Node.new(k) if n.nil?
    if k < n.key then n.left = ins(n.left, k)
    elsif k > n.key then n.right = ins(n.right, k)
    end
    n
  end
  def walk(n, &b)
    return unless n
    walk(n.left, &b)
    b.call(n.key)
    walk(n.right, &b)
  end
  def del(n, k)
    return nil if n.nil?
    if k < n.key then n.left = del(n.left, k)
    elsif k > n.key then n.right = del(n.right, k)
    else
      return n.right if n.left.nil?
      return n.left if n.right.nil?
      m = n.right
      m = m.left while m.left
      n.key = m.key
      n.right = del(n.right, m.key)
    end
    n
  end
  def fmt(n) = n.nil? ? "." : "(#{fmt(n.left)} #{n.key} #{fmt(n.right)})"
end
t = BST.new
[50, 30, 70, 20, 40, 60, 80, 35, 45, 65].each { |k| t.insert(k) }
p t.to_a
puts t
p t.height
p t.include?(45), t.include?(46)
p t.min, t.max, t.count
t.delete(30)
puts t
t.delete(50)
puts t
p t.to_a
p t.select(&:even?).size
def build(depth) = depth.zero? ? nil : [build(depth - 1), depth, build(depth - 1)]
def check(tree) = tree.nil? ? 0 : 1 + check(tree[0]) + check(tree[2])
p check(build(10))
