# Nested arrays: 2D grids, transpose, flatten, deep dup
grid = Array.new(3) { |r| Array.new(4) { |c| r * 4 + c } }
p grid
p grid.transpose
p grid.map(&:sum)
p grid.transpose.map(&:sum)
p grid.flatten.each_slice(6).to_a
p grid[1][2], grid.dig(2, 3), grid.dig(5, 0)
grid[0][0] = :x
p grid[0]
shared = Array.new(2, [])
shared[0] << 1
p shared
copy = grid.map(&:dup)
copy[1][1] = :changed
p grid[1][1], copy[1][1]
p [[3, "c"], [1, "a"], [2, "b"]].sort.map(&:last)
p [[1, 2], [3, 4]].to_h
p [[1, [2, 3]], [4, [5, 6]]].map { |a, (b, c)| a + b + c }
p [[1, 2], [3, 4]].sum([])
p [[1, 2], [3]].flat_map { |r| r.map { |v| v * 2 } }
p Array.new(2) { Array.new(2, 0) }.map { |r| r.join(" ") }
m = [[1, 2], [3, 4]]
rot = m.transpose.map(&:reverse)
p rot
p m.each_with_index.map { |row, i| row[i] }
p m.inject(:+)
p [[1, 2], [1, 2]].uniq
p [[2, 1], [1, 2]].map(&:sort).uniq
