# Sorting algorithms implemented in Ruby, checked against Array#sort
def insertion_sort(a)
  a = a.dup
  (1...a.size).each do |i|
    x = a[i]
    j = i - 1
    while j >= 0 && a[j] > x
      a[j + 1] = a[j]
      j -= 1
    end
    a[j + 1] = x
  end
  a
end
def merge_sort(a)
  return a if a.size <= 1
  l, r = a.each_slice((a.size + 1) / 2).to_a
  l, r = merge_sort(l), merge_sort(r || [])
  out = []
  out << (l.first <= r.first ? l.shift : r.shift) while !l.empty? && !r.empty?
  out + l + r
end
def quick_sort(a)
  return a if a.size <= 1
  pivot, *rest = a
  left, right = rest.partition { |x| x < pivot }
  quick_sort(left) + [pivot] + quick_sort(right)
end
def bubble_sort(a)
  a = a.dup
  loop do
    swapped = false
    (a.size - 1).times do |i|
      if a[i] > a[i + 1]
        a[i], a[i + 1] = a[i + 1], a[i]
        swapped = true
      end
    end
    break unless swapped
  end
  a
end
data = [38, 27, 43, 3, 9, 82, 10, 3, -5, 0, 100, 42]
%i[insertion_sort merge_sort quick_sort bubble_sort].each do |alg|
  r = send(alg, data)
  puts "#{alg}: #{r.inspect} #{r == data.sort}"
end
seq = (1..200).map { |i| (i * 7919) % 1009 }
p [insertion_sort(seq), merge_sort(seq), quick_sort(seq), bubble_sort(seq)].uniq.size
p merge_sort(%w[pear apple fig banana])
p quick_sort([3.5, -1, 2**64, 0])
