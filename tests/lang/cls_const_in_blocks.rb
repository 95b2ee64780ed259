# Constant lookup inside blocks, class_eval blocks and define_method uses lexical scope
VAL = :top
class Holder
  VAL = :holder
  def self.run = [1].map { VAL }.first
  def via_block = yield
  def direct = VAL
end
p Holder.run
p Holder.new.via_block { VAL }
p Holder.class_eval { VAL }
Holder.class_eval do
  def from_class_eval_block = VAL
end
p Holder.new.from_class_eval_block
Holder.send(:define_method, :from_dm) { VAL }
p Holder.new.from_dm
p Holder.new.direct
class Holder
  [1].each do
    define_method(:inside_body_block) { VAL }
  end
end
p Holder.new.inside_body_block
module Outer
  X = :outer_x
  LAMBDA = -> { X }
end
p Outer::LAMBDA.call
p Holder.instance_eval { VAL }
