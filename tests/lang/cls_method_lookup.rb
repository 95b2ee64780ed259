# Method lookup order: singleton, prepends, class, includes (last first), superclass
module P1; def who = ["P1", *super]; end
module P2; def who = ["P2", *super]; end
module I1; def who = ["I1", *super]; end
module I2; def who = ["I2", *super]; end
class Base; def who = ["Base"]; end
class K < Base
  include I1
  include I2
  prepend P1
  prepend P2
  def who = ["K", *super]
end
o = K.new
p o.who
def o.who = ["singleton", *super]
p o.who
module S; def who = ["S", *super]; end
o.extend(S)
p o.who
p K.ancestors.take(6)
p o.singleton_class.ancestors.drop(1).take(2)
p o.singleton_class.ancestors.first == o.singleton_class
p K.new.method(:who).owner
p o.method(:who).owner == o.singleton_class
module I1; def extra = :added_later_to_module; end
p o.extra
class Base; def base_only = :base_only; end
p o.base_only
p K.include?(I1), K.include?(P1)
p K.instance_method(:who).owner
