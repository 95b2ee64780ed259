# __FILE__, __LINE__, __method__, __dir__-independent facts
p __FILE__
p __LINE__
p __LINE__
x = __LINE__; p x
def meth
  __method__
end
p meth
p __method__
def outer
  [1].map { __method__ }
end
p outer
class K
  def im = __method__
  def self.cm = __method__
  p __method__
end
p K.new.im
p K.cm
alias_target = K.new.method(:im).call
p alias_target
p __FILE__ == $0
p "line #{__LINE__}"
p [__LINE__,
   __LINE__]
p __FILE__.class
p File.basename(__FILE__)
p __dir__.nil?
