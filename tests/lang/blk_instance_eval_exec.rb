# instance_eval, instance_exec, class_eval, class_exec with blocks
class Conf
  def initialize = @settings = {}
  def set(k, v) = @settings[k] = v
  def settings = @settings
  def self.build(&blk)
    c = new
    c.instance_eval(&blk)
    c
  end
end
c = Conf.build do
  set :name, "kiln"
  set :jit, true
end
p c.settings
p c.instance_eval { @settings.size }
p 10.instance_exec(5) { |n| self + n }
outer = :outer_local
p "str".instance_eval { [self, outer] }
Conf.class_eval do
  def extra = :extra
end
p c.extra
Conf.class_exec(:dyn) do |name|
  define_method(name) { name }
end
p c.dyn
o = Object.new
o.instance_eval do
  @hidden = 1
  def sing = @hidden + 1
end
p o.sing
p o.instance_variable_get(:@hidden)
