# binary_trees: builds and walks many complete binary trees of Node objects
# (recursive construction and traversal, allocation, GC with a long-lived
# tree kept alive throughout). Checked against the closed form for the
# node count and value sums of a complete binary tree.

class Node
  attr_reader :left, :right, :value

  def initialize(left, right, value)
    @left = left
    @right = right
    @value = value
  end
end

# node values: root gets v, children 2v and 2v+1 (heap numbering)
def make(depth, v)
  if depth == 0
    Node.new(nil, nil, v)
  else
    Node.new(make(depth - 1, 2 * v), make(depth - 1, 2 * v + 1), v)
  end
end

def count(node)
  if node.left
    1 + count(node.left) + count(node.right)
  else
    1
  end
end

def value_sum(node)
  if node.left
    node.value + value_sum(node.left) + value_sum(node.right)
  else
    node.value
  end
end

max_depth = (ARGV[0] || 16).to_i
long_lived = make(max_depth, 1)

errors = 0
checksum = 0
depth = 4
while depth <= max_depth
  iters = 3 << (max_depth - depth + 1)
  i = 0
  while i < iters
    t = make(depth, 1)
    c = count(t)
    checksum += c
    errors += 1 if c != (1 << (depth + 1)) - 1
    i += 1
  end
  # heap numbering: values are exactly 1 .. 2^(d+1)-1
  nodes = (1 << (depth + 1)) - 1
  errors += 1 if value_sum(t) != nodes * (nodes + 1) / 2
  depth += 2
end

exp_checksum = 0
depth = 4
while depth <= max_depth
  exp_checksum += (3 << (max_depth - depth + 1)) * ((1 << (depth + 1)) - 1)
  depth += 2
end
lc = count(long_lived)
exp_lc = (1 << (max_depth + 1)) - 1

if errors != 0 || checksum != exp_checksum || lc != exp_lc
  $stderr.puts "FAIL binary_trees: #{errors} bad trees, checksum=#{checksum} long_lived=#{lc}, " \
               "expected #{exp_checksum} #{exp_lc}"
  exit 1
end
puts "ok binary_trees #{checksum}"
