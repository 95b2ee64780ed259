# module_function, extend self, and private module methods
module Util
  module_function
  def double(x) = x * 2
  def triple(x) = x * 3
end
p Util.double(4), Util.triple(2)
class UsesUtil
  include Util
  def go = double(5)
end
p UsesUtil.new.go
begin
  UsesUtil.new.double(1)
rescue NoMethodError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
end
module Tools
  extend self
  def tool = :tool
end
p Tools.tool
module Partial
  def a = :a_public_instance
  module_function def b = :b_mf
end
p Partial.b
p Partial.respond_to?(:a)
p Partial.instance_method(:a).owner
module Named
  def self.helper = "self.helper"
  def Named.other = "Named.other"
  private_class_method def self.secret = :s
end
p Named.helper, Named.other
begin
  Named.secret
rescue NoMethodError => e
  puts e.message.lines.first.chomp
end
p Math.sqrt(9)
p Math.respond_to?(:sqrt)
