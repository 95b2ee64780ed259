# Exception#cause chaining
begin
  begin
    raise "low level"
  rescue => e
    raise ArgumentError, "high level"
  end
rescue => outer
  p outer.message
  p outer.cause.message
  p outer.cause.class
  p outer.cause.cause
end
begin
  begin
    raise "a"
  rescue
    raise TypeError, "b", cause: nil
  end
rescue => e
  p e.cause
end
begin
  raise "explicit", cause: KeyError.new("k")
rescue => e
  p e.cause.class
end
begin
  begin
    begin
      raise "one"
    rescue
      raise "two"
    end
  rescue
    raise "three"
  end
rescue => e
  chain = []
  x = e
  while x
    chain << x.message
    x = x.cause
  end
  p chain
end
p RuntimeError.new.cause
