# method_missing and respond_to_missing?
class Ghost
  def method_missing(name, *args, &blk)
    if name.to_s.start_with?("get_")
      [name, args, blk ? blk.call : nil]
    else
      super
    end
  end
  def respond_to_missing?(name, include_private = false)
    name.to_s.start_with?("get_") || super
  end
end
g = Ghost.new
p g.get_x
p g.get_y(1, 2) { :blk }
p g.respond_to?(:get_z)
p g.respond_to?(:other)
p g.method(:get_w).call
begin
  g.other_thing(1)
rescue NoMethodError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
  p e.name
  p e.args
  p e.receiver.equal?(g)
end
class Rec
  def initialize = @log = []
  attr_reader :log
  def method_missing(n, *a)
    @log << n
    self
  end
  def respond_to_missing?(*) = true
end
r = Rec.new
r.a.b.c
p r.log
p r.respond_to?(:anything)
class Dyn
  def method_missing(name, *args)
    if name.end_with?("=")
      (@attrs ||= {})[name.to_s.chomp("=").to_sym] = args.first
    elsif @attrs&.key?(name)
      @attrs[name]
    else
      super
    end
  end
  def respond_to_missing?(n, p = false) = n.end_with?("=") || (@attrs || {}).key?(n) || super
end
d = Dyn.new
d.color = :red
p d.color
p d.respond_to?(:color)
p d.respond_to?(:size)
begin
  d.size
rescue NoMethodError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
end
class BasicMM < BasicObject
  def method_missing(n, *a) = "bm:#{n}"
end
p BasicMM.new.whatever
