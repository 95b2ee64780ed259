# rescue clauses: class lists, splat lists, order, => var
def classify
  yield
rescue ArgumentError, TypeError => e
  "arg-or-type: #{e.class}"
rescue ZeroDivisionError
  "zero: #{$!.message}"
rescue *[KeyError, IndexError] => e
  "lookup: #{e.class}"
rescue NameError => e
  "name: #{e.class}"
rescue StandardError => e
  "std: #{e.class}"
end
p classify { raise ArgumentError }
p classify { raise TypeError }
p classify { 1 / 0 }
p classify { {}.fetch(:x) }
p classify { [].fetch(3) }
p classify { undefined_thing_here }
p classify { nil.upcase }
p classify { raise "runtime" }
p classify { raise StopIteration }
LIST = [RangeError, FloatDomainError]
begin
  raise FloatDomainError, "fde"
rescue *LIST => e
  p [e.class, :splat_const]
end
begin
  raise IOError, "x"
rescue TypeError, *LIST
  p :no
rescue IOError, *[] => e
  p e.class
end
begin
  begin
    raise NotImplementedError, "ni"
  rescue => e
    p :not_standard
  end
rescue ScriptError => e
  p [e.class, e.message]
end
x = begin
  Integer("zz")
rescue ArgumentError
  -1
end
p x
begin
  raise Exception, "base exception"
rescue => e
  p :not_here
rescue Exception => e
  p e.message
end
begin
  raise "m"
rescue RuntimeError => @iv
end
p @iv.message
