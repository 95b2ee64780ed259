# super with explicit arguments, bare super, super()
class Base
  def greet(name, punct = "!") = "Hello #{name}#{punct}"
  def kw(a:, b: 2) = [a, b]
  def blk = yield(:base_block)
  def args(*a, **k) = [a, k]
  def none = :base_none
end
class Child < Base
  def greet(name, punct = "?")
    "Child: " + super
  end
  def kw(a:, b: 5)
    super
  end
  def blk
    super
  end
  def args(x, y)
    [super(), super(x), super]
  end
  def none = super()
end
c = Child.new
p c.greet("Ann")
p c.greet("Bob", ".")
p c.kw(a: 1)
p c.kw(a: 1, b: 9)
p c.blk { |v| [v, :passed] }
p c.args(1, 2)
p c.none
class Reassign < Base
  def greet(name, punct = ".")
    name = name.upcase
    super
  end
end
p Reassign.new.greet("low")
class Explicit < Base
  def greet(name) = super(name * 2, "!!")
  def blk = super { |v| "own #{v}" }
end
p Explicit.new.greet("ab")
p Explicit.new.blk { :ignored }
class BlockPass < Base
  def blk(&b) = super(&b)
end
p BlockPass.new.blk { |v| v.to_s }
class Splatty < Base
  def args(*a, **k) = super
end
p Splatty.new.args(1, 2, z: 3)
