# Modules as namespaces; nested classes; name and to_s
module Shop
  VERSION = "1.0"
  class Item
    attr_reader :price
    def initialize(p) = @price = p
  end
  class Cart
    def initialize = @items = []
    def add(i) = (@items << i; self)
    def total = @items.sum(&:price)
    def version = VERSION
  end
  module Tax
    RATE = 0.5
    def self.apply(x) = x + x * RATE
  end
  def self.checkout(cart) = Tax.apply(cart.total)
end
cart = Shop::Cart.new.add(Shop::Item.new(10)).add(Shop::Item.new(4))
p cart.total
p cart.version
p Shop.checkout(cart)
p Shop::Tax::RATE
p Shop::Item.name
p Shop::Cart.to_s
p Shop.constants.sort
p Shop::Tax.class
module Shop
  class Item
    def discounted = price - 1
  end
end
p Shop::Item.new(5).discounted
module A
  module B
    module C
      def self.path = Module.nesting
    end
  end
end
p A::B::C.path
p A::B::C.name
p A.const_get(:B)::C.name
class A::B::D; end
p A::B::D.name
p A::B.constants.sort
