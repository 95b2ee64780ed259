# message, to_s, inspect, full_message, detailed and custom messages
e = RuntimeError.new("the message")
p e.message
p e.to_s
p e.inspect
begin
  raise ArgumentError, "fm"
rescue => err
  fm = err.full_message(highlight: false, order: :top)
  puts fm
end
def inner_fail = raise(TypeError, "deep")
def outer_fail = inner_fail
begin
  outer_fail
rescue => err
  puts err.full_message(highlight: false, order: :top)
  puts err.full_message(highlight: false, order: :bottom)
end
class MyErr < StandardError
  def message = "overridden message"
end
begin
  raise MyErr
rescue => err
  p err.message
  p err.to_s
end
class ToSErr < StandardError
  def to_s = "from to_s"
end
p ToSErr.new.message
p ToSErr.new.inspect
class InitErr < StandardError
  def initialize(v) = super("value was #{v}")
end
p InitErr.new(5).message
p StandardError.new.message
p StandardError.new(nil).message
p StandardError.new([1, 2]).message
p Exception.new("multi\nline").inspect
ee = RuntimeError.new("m")
p ee == RuntimeError.new("m")
p ee == RuntimeError.new("n")
p ee == ArgumentError.new("m")
