# Conway's Game of Life on a small torus
class Life
  def initialize(rows) = @g = rows.map { |r| r.chars.map { |c| c == "#" } }
  def h = @g.size
  def w = @g[0].size
  def neighbours(y, x)
    [-1, 0, 1].product([-1, 0, 1]).count do |dy, dx|
      !(dy.zero? && dx.zero?) && @g[(y + dy) % h][(x + dx) % w]
    end
  end
  def step
    @g = Array.new(h) do |y|
      Array.new(w) do |x|
        n = neighbours(y, x)
        @g[y][x] ? (n == 2 || n == 3) : n == 3
      end
    end
    self
  end
  def alive = @g.flatten.count(true)
  def to_s = @g.map { |r| r.map { |c| c ? "#" : "." }.join }.join("\n")
end
glider = Life.new([".#......", "..#.....", "###.....", "........", "........", "........"])
puts glider, ""
4.times { glider.step }
puts glider, ""
p glider.alive
blinker = Life.new([".....", "..#..", "..#..", "..#..", "....."])
puts blinker.step, ""
puts blinker.step
p blinker.alive
