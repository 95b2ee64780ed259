# Class variables
class Counter
  @@count = 0
  def self.inc = @@count += 1
  def self.count = @@count
  def count = @@count
  def bump = @@count += 10
end
Counter.inc
Counter.inc
p Counter.count
c = Counter.new
p c.count
c.bump
p Counter.count
class Sub < Counter
  def self.sub_count = @@count
  def self.sub_set(v) = @@count = v
end
p Sub.sub_count
Sub.sub_set(100)
p Counter.count
p Counter.class_variables
p Counter.class_variable_get(:@@count)
Counter.class_variable_set(:@@other, 5)
p Counter.class_variables.sort
p Counter.class_variable_defined?(:@@other)
p Sub.class_variable_defined?(:@@count)
class Lazy
  def self.get = @@qqq
end
begin
  Lazy.get
rescue NameError => e
  p e.class
  puts e.message.lines.first.chomp # CRuby appends error_highlight/did_you_mean text after line 1
end
module M
  @@mv = :mod
  def self.mv = @@mv
end
p M.mv
class Counter
  @@count ||= 0
  p @@count
end
