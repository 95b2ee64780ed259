# Array indexing and slicing edge cases
a = [10, 20, 30, 40, 50]
p a[0], a[4], a[5], a[-1], a[-5], a[-6]
p a[1, 2], a[5, 1], a[6, 1], a[1, 0], a[-2, 5]
p a[1..3], a[1...3], a[3..10], a[5..], a[6..], a[-3..-2], a[2..1]
p a.at(1), a.fetch(1), a.fetch(10, :d), a.fetch(-1)
p a.slice(1, 2)
p a.first(10)
p a.dig(0)
p a.values_at(-1, 0)
b = [1, 2, 3]
b[5] = 6
p b
b[-1] = :last
p b
b[1, 3] = []
p b
b[0..0] = [:a, :b]
p b
c = []
c[2] = 1
p c
begin
  [1][-3] = 0
rescue IndexError => e
  puts e.message
end
p [1, 2, 3][(1..)]
p [1, 2, 3].each_index.to_a
p a.bsearch { |x| x >= 25 }
p a.sum / a.size
p a.find_index(30)
p [[1, 2], [3, 4]].transpose
p [1, 2, 3, 4, 5, 6].each_slice(2).map(&:first)
