# Helper library for kernel_require tests (loaded via require_relative)
$helper_loads = ($helper_loads || 0) + 1
module Helper
  VERSION = "0.1"
  def self.greet(name) = "hello, #{name}"
  def self.loads = $helper_loads
end
class HelperPoint
  attr_reader :x, :y
  def initialize(x, y) = (@x, @y = x, y)
  def to_s = "(#{x}, #{y})"
end
