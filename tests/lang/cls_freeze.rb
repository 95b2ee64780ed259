# freeze, frozen?, FrozenError messages
s = "abc".freeze
p s.frozen?
begin
  s << "d"
rescue FrozenError => e
  p e.class
  puts e.message
  p e.receiver.equal?(s)
end
a = [1, 2].freeze
begin
  a << 3
rescue => e
  puts "#{e.class}: #{e.message}"
end
h = { a: 1 }.freeze
begin
  h[:b] = 2
rescue => e
  puts "#{e.class}: #{e.message}"
end
class Pt
  attr_accessor :x
end
pt = Pt.new
pt.x = 1
pt.freeze
begin
  pt.x = 2
rescue FrozenError => e
  puts e.message.sub(/0x\h+/, "XX")
end
p pt.x
p 1.frozen?
p :s.frozen?
p nil.frozen?
p 1.5.frozen?
p "lit".frozen?
p [].frozen?
p FrozenError.superclass
p FrozenError.ancestors.include?(StandardError)
d = s.dup
d << "!"
p d
p a.map { |v| v * 2 }.frozen?
p s.upcase
begin
  s.upcase!
rescue FrozenError => e
  puts e.message
end
module M; end
M.freeze
begin
  module M; def x; end; end
rescue => e
  puts "#{e.class}: #{e.message}"
end
x = "v"
x.freeze
y = x + "w"
p y.frozen?
p [1, [2]].freeze.last.frozen?
