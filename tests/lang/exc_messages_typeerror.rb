# TypeError and coercion messages
def show
  yield
rescue TypeError, ArgumentError, NoMethodError => e
  puts "#{e.class}: #{e.message.lines.first.chomp}"
end
show { 1 + "x" }
show { 1 - nil }
show { 1 * :a }
show { 1.0 + "x" }
show { 2**64 + "x" }
show { 1 < nil }
show { "a" + 1 }
show { "a" + nil }
show { "a" << nil }
show { "a" * -1 }
show { [1] + 1 }
show { [1] - nil }
show { [1, 2].join(1) }
show { { a: 1 }.merge(1) }
show { "x".center("a") }
show { Integer([]) }
show { Float(nil) }
show { "abc"[nil] }
show { [1, 2][nil] }
show { "5".to_i + "5" }
show { 3.times.map(&5) }
show { nil.to_sym }
show { Integer("") }
show { Comparable.instance_method(:<).bind_call(Object.new, 1) }
show { raise TypeError }
show { "str".send(5) }
show { {}.dig }
