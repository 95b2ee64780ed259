# Raising from rescue/ensure/else, nested handlers, exception replacement
def a
  yield
rescue ArgumentError => e
  raise TypeError, "converted from #{e.message}"
end
begin
  a { raise ArgumentError, "orig" }
rescue TypeError => e
  p e.message
  p e.cause.message
end
def b
  begin
    raise "inner"
  rescue => e
    begin
      raise "handler failure"
    rescue => e2
      [e.message, e2.message, $!.message]
    end
  end
end
p b
def c
  raise "one"
rescue
  begin
    raise "two"
  rescue
  end
  $!.message
end
p c
r = begin
  begin
    raise IndexError, "idx"
  rescue KeyError
    :wrong_handler
  end
rescue IndexError => e
  "outer caught #{e.class}"
end
p r
def d
  [1, 2, 3].map do |x|
    begin
      raise "bad #{x}" if x == 2
      x
    rescue => e
      e.message
    end
  end
end
p d
def e_method
  yield
rescue LocalJumpError
  :no
ensure
  puts "e_method ensure"
end
p e_method { 42 }
x = begin
  raise "z"
rescue
  begin
    Integer("nope")
  rescue ArgumentError
    :recovered_twice
  end
end
p x
