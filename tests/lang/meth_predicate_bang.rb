# Method names with ?, ! and = and their conventions
class Light
  def initialize = @on = false
  def on? = @on
  def toggle! = (@on = !@on; self)
  def state=(s)
    @on = (s == :on)
  end
  def valid? = true
end
l = Light.new
p l.on?
l.toggle!
p l.on?
l.state = :off
p l.on?
p l.respond_to?(:on?), l.respond_to?(:toggle!), l.respond_to?(:state=)
p Light.instance_methods(false).sort
a = [3, 1, 2]
p a.sort, a
p a.sort!, a
p a.empty?, [].empty?
s = "Hi"
p s.upcase, s
p s.upcase!, s
p s.upcase!
p 5.zero?, 0.zero?, nil.nil?
p l.method(:on?).name
