# Constant lookup through ancestors and the cref
class Base
  LIMIT = 10
  def limit = LIMIT
end
class Derived < Base
  def lim2 = LIMIT
end
p Derived.new.limit
p Derived.new.lim2
p Derived::LIMIT
class Derived
  LIMIT = 20
  def lim3 = LIMIT
end
p Derived.new.limit
p Derived.new.lim3
module Mixin
  MIX = :mixed
end
class UsesMix
  include Mixin
  def m = MIX
end
p UsesMix.new.m
p UsesMix::MIX
class Foo
  def self.bar = Bar
  class Bar; end
end
p Foo.bar
p Foo::Bar
begin
  Foo::Missing
rescue NameError => e
  p e.class
  puts e.message.lines.first.chomp # CRuby appends error_highlight/did_you_mean text after line 1
end
begin
  Undefined
rescue NameError => e
  puts e.message.lines.first.chomp # CRuby appends error_highlight/did_you_mean text after line 1
  p e.name
end
p Object::String
p Math::PI.floor(2)
Class.new { NOPE = 1 }
p defined?(NOPE)
