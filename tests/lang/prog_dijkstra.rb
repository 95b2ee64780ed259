# Dijkstra's shortest paths on a small weighted graph (array-based priority queue)
GRAPH = {
  a: { b: 7, c: 9, f: 14 },
  b: { a: 7, c: 10, d: 15 },
  c: { a: 9, b: 10, d: 11, f: 2 },
  d: { b: 15, c: 11, e: 6 },
  e: { d: 6, f: 9 },
  f: { a: 14, c: 2, e: 9 },
}.freeze
def dijkstra(graph, src)
  dist = Hash.new(Float::INFINITY)
  prev = {}
  dist[src] = 0
  queue = [[0, src]]
  until queue.empty?
    d, u = queue.min_by { |dd, n| [dd, n] }
    queue.delete([d, u])
    next if d > dist[u]
    graph[u].each do |v, w|
      nd = d + w
      if nd < dist[v]
        dist[v] = nd
        prev[v] = u
        queue << [nd, v]
      end
    end
  end
  [dist, prev]
end
def path(prev, to)
  out = [to]
  out.unshift(prev[out.first]) while prev[out.first]
  out
end
dist, prev = dijkstra(GRAPH, :a)
GRAPH.keys.each { |n| puts "#{n}: #{dist[n]} via #{path(prev, n).join('->')}" }
p dist.values.sum
d2, = dijkstra(GRAPH.merge(z: {}), :z)
p d2[:a]
