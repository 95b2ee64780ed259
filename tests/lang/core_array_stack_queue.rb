# Arrays used as stacks and queues, and bracket matching
st = []
st.push(1)
st.push(2, 3)
p st.pop, st.last, st
q = []
q << :a << :b << :c
p q.shift, q.first, q
q.unshift(:z)
p q
def balanced?(s)
  pairs = { ")" => "(", "]" => "[", "}" => "{" }
  stack = []
  s.each_char do |c|
    if pairs.value?(c) then stack.push(c)
    elsif pairs.key?(c)
      return false unless stack.pop == pairs[c]
    end
  end
  stack.empty?
end
p ["()", "([]{})", "(]", "((", "", "{[()()]}"].map { |s| balanced?(s) }
def bfs(graph, start)
  seen = [start]
  queue = [start]
  until queue.empty?
    n = queue.shift
    graph[n].each do |m|
      next if seen.include?(m)
      seen << m
      queue << m
    end
  end
  seen
end
g = { a: [:b, :c], b: [:d], c: [:d, :e], d: [:f], e: [:f], f: [] }
p bfs(g, :a)
def dfs(graph, n, seen = [])
  return seen if seen.include?(n)
  seen << n
  graph[n].each { |m| dfs(graph, m, seen) }
  seen
end
p dfs(g, :a)
p [1, 2, 3].pop(2), [1, 2, 3].shift(2)
p [].pop, [].shift
