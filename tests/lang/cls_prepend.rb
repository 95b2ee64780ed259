# prepend: wrapping methods, ancestors order
module Logging
  def run(x)
    puts "before #{x}"
    r = super
    puts "after #{r}"
    r
  end
end
class Job
  prepend Logging
  def run(x) = x * 2
end
p Job.new.run(5)
p Job.ancestors.take(3)
module Cache
  def compute(n)
    @cache ||= {}
    @cache.fetch(n) { @cache[n] = super }
  end
end
class Slow
  prepend Cache
  def compute(n)
    puts "computing #{n}"
    n * n
  end
end
s = Slow.new
p s.compute(3)
p s.compute(3)
module A1; def who = [:a1, *super]; end
module B1; def who = [:b1, *super]; end
class Base; def who = [:base]; end
class Both < Base
  prepend A1
  include B1
  def who = [:both, *super]
end
p Both.new.who
p Both.ancestors.take(4)
class String
  prepend(Module.new do
    def length = super + 1000
  end)
end
p "abc".length
p Job.new.method(:run).owner
p Job.instance_method(:run).owner
