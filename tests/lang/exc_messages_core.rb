# Messages of exceptions raised by the core
def show
  yield
rescue Exception => e
  puts "#{e.class}: #{e.message.lines.first.chomp.sub(/0x\h+/, 'XX')}"
end
show { nil.upcase }
show { 5.upcase }
show { "str".nope }
show { :sym.nope }
show { [1].nope }
show { Object.new.nope }
show { nope_local_or_method }
show { NopeConstant }
show { 1 / 0 }
show { 1 % 0 }
show { 1.divmod(0) }
show { 1 + "2" }
show { "2" + 1 }
show { 1 + nil }
show { [1] + nil }
show { "a" * "b" }
show { Integer(nil) }
show { Integer("0x") }
show { Float("abc") }
show { [1, 2].fetch(5) }
show { [1, 2].fetch(-5) }
show { { a: 1 }.fetch(:b) }
show { { "a" => 1 }.fetch("b") }
show { :a.fetch } rescue nil
show { 1.upto }
show { "x".to_sym.call }
show { raise "x" }
show { [].first("x") }
show { nil + 1 }
show { Hash.new(1, 2) }
show { Comparable.new }
show { Integer.new }
show { BasicObject.new.inspect }
show { "abc".freeze.concat("d") }
show { 10.0 / 0 ; (0.0 / 0).to_i }
show { (1.0 / 0).to_i }
show { Math.sqrt(-1) }
show { [3, "a"].sort }
show { [1, 2].first(-1) }
show { "x" =~ "x" }
show { loop { raise StopIteration }; raise "after loop" }
show { def m(a) = a; m }
show { throw :nothing }
show { 2**100 / 0 }
show { "%d" % "x" }
show { Struct.new(:a).new(1, 2) }
show { [1, 2, 3].first(1, 2) }
show { :sym + 1 }
show { 5.foo = 1 }
