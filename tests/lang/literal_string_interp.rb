# #{} interpolation
x = 10
name = "kiln"
puts "x is #{x}"
puts "sum #{x + 5} and #{x * 2}"
puts "name=#{name.upcase}!"
puts "nested #{"inner #{x}"}"
puts "nil: [#{nil}]"
puts "sym: #{:abc}"
puts "arr: #{[1, "a", nil]}"
puts "hash: #{{a: 1}}"
puts "float: #{1.5} #{1e20}"
puts "#{x}#{x}#{x}"
puts "expr #{if x > 5 then "big" else "small" end}"
puts "multi #{a = 3; a * a}"
@iv = "ivar"
$gv = "gvar"
puts "#@iv and #$gv"
puts "#{}empty"
class Pt
  def initialize(x, y) = (@x, @y = x, y)
  def to_s = "(#{@x}, #{@y})"
end
puts "point #{Pt.new(1, 2)}"
s = "a#{1}b"
p s
p s.frozen?
p "#{1}" "#{2}" 'x'
sym = :"dyn#{x}"
p sym
p "#{x}".encoding
