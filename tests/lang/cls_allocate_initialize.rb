# new calls allocate then initialize; initialize is private; custom new
class Pt
  attr_reader :x
  def initialize(x = 0)
    @x = x
    puts "initialize(#{x})"
  end
end
p Pt.new(3).x
raw = Pt.allocate
p raw.x
p raw.class
p Pt.private_instance_methods(false).include?(:initialize)
begin
  Pt.new(1).initialize(2)
rescue NoMethodError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
end
p Pt.new(1).send(:initialize, 5)
class Single
  @instance = nil
  def self.new = @instance ||= super
end
p Single.new.equal?(Single.new)
class Tagged
  def self.new(*args)
    obj = super
    obj.instance_variable_set(:@tag, :tagged)
    obj
  end
  def initialize(a) = @a = a
end
t = Tagged.new(1)
p t.instance_variables
class NoInit; end
p NoInit.new.instance_variables
begin
  NoInit.new(1)
rescue ArgumentError => e
  puts e.message
end
p Class.new { def initialize(**kw) = @kw = kw; attr_reader :kw }.new(a: 1).kw
