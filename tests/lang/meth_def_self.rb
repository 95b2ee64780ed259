# def self.m, class methods, singleton defs
class Util
  def self.twice(x) = x * 2
  def Util.thrice(x) = x * 3
  class << self
    def four(x) = x * 4
    attr_accessor :setting
  end
end
p Util.twice(2)
p Util.thrice(2)
p Util.four(2)
Util.setting = :on
p Util.setting
p Util.singleton_methods.sort
module Helper
  def self.help = "help"
  def Helper.more = "more"
end
p Helper.help
p Helper.more
class Sub < Util; end
p Sub.twice(5)
p Sub.singleton_methods.sort
p Sub.singleton_methods(false)
obj = "a string"
def obj.shout = upcase + "!"
p obj.shout
p obj.singleton_methods
begin
  "other".shout
rescue NoMethodError => e
  puts e.message.lines.first.chomp
end
def self.top_single = :top
p top_single
p respond_to?(:top_single)
