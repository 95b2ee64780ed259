# Exceptions unwind through blocks, procs, method calls and core iterators
$trace = []
def level(n, &blk)
  $trace << "enter #{n}"
  if n.zero?
    blk.call
  else
    [1].each { level(n - 1, &blk) }
  end
ensure
  $trace << "leave #{n}"
end
begin
  level(3) { raise "bottom" }
rescue => e
  p e.message
end
p $trace
$trace = []
pr = proc { raise ArgumentError, "from proc" }
def runs(pr) = [3, 2, 1].sort_by { |x| pr.call }
begin
  runs(pr)
rescue ArgumentError => e
  p e.message
end
h = Hash.new { |_, k| raise KeyError, "no #{k}" }
begin
  [:a].map { |k| h[k] }
rescue KeyError => e
  p e.message
end
begin
  [[1, 2], [3]].each { |a, b| b.zero? }
rescue NoMethodError => e
  puts e.message.lines.first.chomp
end
def deep_catch
  yield
rescue ZeroDivisionError
  :caught_in_deep
end
p deep_catch { [1, 0].map { |d| 1 / d } }
p [1, 2, 3].each_slice(2).map { |s| s.sum }.tap { |a| raise "tapped" if a.empty? }
