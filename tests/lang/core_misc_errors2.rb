# remove_instance_variable of an unset ivar, class variables of a frozen class, iterator?
o = Object.new
o.instance_variable_set(:@a, 1)
p o.remove_instance_variable(:@a)
begin
  o.remove_instance_variable(:@x)
rescue NameError => e
  p e.class
  puts e.message.lines.first.chomp
end
class Frz
  @@count = 1
  def self.bump = (@@count = @@count + 1)
end
p Frz.bump
Frz.freeze
begin
  Frz.class_variable_set(:@@count, 9)
rescue => e
  p e.class
  puts e.message
end
def it_q = block_given?
p it_q { }, it_q
