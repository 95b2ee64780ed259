# Scope::Name does not find top-level constants through Object (Ruby >= 2.5)
module Outer2
  CONST1 = "hello"
  class Inner2
    def get = CONST1
  end
end
p Outer2::CONST1, Outer2::Inner2.new.get
[-> { Outer2::Object }, -> { Outer2::Inner2::String }, -> { Integer::String }].each do |f|
  f.call
rescue NameError => e
  puts e.message.lines.first.chomp
end
p Object::String, ::Comparable, Float::INFINITY, Math::PI.round(2)
p Outer2.const_get(:String)
