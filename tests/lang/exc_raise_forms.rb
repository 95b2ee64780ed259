# raise with a class, a message, an instance, and re-raise
def attempt
  yield
rescue => e
  puts "#{e.class}: #{e.message.inspect}"
  e
end
attempt { raise "plain message" }
attempt { raise ArgumentError }
attempt { raise ArgumentError, "with message" }
attempt { raise ArgumentError.new("instance") }
attempt { raise TypeError.new }
attempt { raise IndexError, "idx", ["bt:1"] }
attempt { fail "fail works too" }
attempt { raise RuntimeError }
e = attempt { raise KeyError.new("k", receiver: {}, key: :z) }
p e.key
attempt do
  begin
    raise "inner"
  rescue => e
    raise
  end
end
attempt do
  begin
    raise "first"
  rescue => e
    raise e
  end
end
attempt { raise 42 }
attempt { raise Object }
class WithExc
  def exception(msg = nil) = RuntimeError.new("via exception method")
end
attempt { raise WithExc.new }
ex = ArgumentError.new("orig")
ex2 = ex.exception("copy")
p ex2.message, ex.message
p ex2.class
p ex.exception.equal?(ex)
attempt { raise ex, "override message" }
r = begin
  raise "value"
rescue => err
  err.message.upcase
end
p r
attempt { raise "a", cause: nil }
