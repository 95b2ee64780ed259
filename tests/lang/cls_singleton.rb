# class << self, singleton classes, singleton methods on any object
class Config
  class << self
    def load = "loaded"
    attr_accessor :level
    private def hidden = :h
    def call_hidden = hidden
  end
end
p Config.load
Config.level = 3
p Config.level
p Config.call_hidden
p Config.singleton_class
p Config.singleton_class.instance_methods(false).sort
s = "text"
class << s
  def wrap = "[#{self}]"
end
p s.wrap
p s.singleton_methods
p "other".respond_to?(:wrap)
o = Object.new
o.instance_eval do
  @secret = 42
end
def o.reveal = @secret
p o.reveal
p o.singleton_class.instance_methods(false)
c = s.clone
p c.wrap
d = s.dup
p d.respond_to?(:wrap)
begin
  one = 1
  def one.nope = 1
rescue TypeError => e
  p e.class
  puts e.message
end
begin
  5.singleton_class
rescue TypeError => e
  puts e.message
end
begin
  :sym.define_singleton_method(:x) {}
rescue TypeError => e
  puts e.message
end
p nil.singleton_class
p true.singleton_class
module Mod
  class << self
    def mm = :module_singleton
  end
end
p Mod.mm
p Config.singleton_class.singleton_class?  rescue p $!.class
p Config.singleton_class? rescue p $!.class
