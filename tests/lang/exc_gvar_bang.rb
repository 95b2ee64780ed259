# $! during and after rescue
p $!
begin
  raise "first"
rescue
  p $!.message
  p $!.class
  begin
    raise TypeError, "nested"
  rescue
    p $!.message
  end
  p $!.message
end
p $!
def check_in_ensure
  raise "in method"
ensure
  p $!&.message
end
begin
  check_in_ensure
rescue
end
p $!
x = (raise "mod" rescue $!.message)
p x
p $!
begin
  raise "kept"
rescue => e
end
p $!
p e.message
begin
  begin
    raise "outer"
  ensure
    p $!.message
  end
rescue
end
def raise_it = raise(ArgumentError, "from method")
begin
  raise_it
rescue ArgumentError
  p $!.backtrace.is_a?(Array)
end
