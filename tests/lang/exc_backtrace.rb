# backtrace and backtrace_locations
def a = raise("from a")
def b = a
def c
  b
end
begin
  c
rescue => e
  bt = e.backtrace
  p bt.class
  puts bt.first
  puts bt[0..3]
  p bt.size
  loc = e.backtrace_locations.first
  p loc.lineno
  p loc.label
  p loc.path
  p e.backtrace_locations.map(&:lineno)
end
class K
  def inst = raise(ArgumentError, "in K")
  def self.cls = new.inst
end
begin
  K.cls
rescue => e
  puts e.backtrace
end
begin
  [1].each { |x| raise "in block" }
rescue => e
  puts e.backtrace.first
  puts e.backtrace
end
p Exception.new.backtrace
e2 = RuntimeError.new("manual")
e2.set_backtrace(["x.rb:1:in `y'"])
p e2.backtrace
begin
  raise e2
rescue => e
  p e.backtrace
end
pr = proc { raise "in proc" }
begin
  pr.call
rescue => e
  puts e.backtrace.first
end
p caller.class
def show_caller = caller.first
puts show_caller
def lbl = caller_locations(1, 1).first.label rescue :x
p lbl
