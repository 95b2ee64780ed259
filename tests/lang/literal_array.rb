# Array literals
p []
p [1, 2, 3]
p [1, "two", :three, 4.0, nil, true]
p [[1, 2], [3, [4, 5]]]
p [1, 2, 3,]
a = [1, 2]
p [0, *a, 3]
p [*a, *a]
p [*nil]
p [*1..4]
p [*"str"]
p Array.new(3)
p Array.new(3, 0)
p Array.new(3) { |i| i * i }
p Array(nil)
p Array([1])
p Array(1..3)
p Array("a")
p [1, 2] + [3]
p [1, 2] * 2
p [1, 2].class
p [1, [2, [3]]].flatten
p [
  1,
  2
]
p [1, 2].frozen?
b = %w[x y]
p b.size
p [a: 1, b: 2]
p [1, a: 2]
