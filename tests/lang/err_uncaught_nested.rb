# Uncaught exception from a method called from a method: backtrace format
def inner(x)
  raise TypeError, "inner failed with #{x}" if x > 2
  inner(x + 1)
end
def outer
  inner(1)
end
class Runner
  def go = outer
  def self.start = new.go
end
puts "starting"
Runner.start
