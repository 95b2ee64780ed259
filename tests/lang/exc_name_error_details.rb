# NameError and NoMethodError details: name, receiver, message first line
def show(e) = puts("#{e.class}: #{e.message.lines.first.chomp.sub(/0x\h+/, 'XX')}")
begin
  undefined_local_xyz
rescue NameError => e
  show(e)
  p e.name
  p e.class == NameError
end
begin
  self.undefined_method_xyz
rescue NoMethodError => e
  show(e)
  p e.name
  p e.args
end
begin
  undefined_method_xyz(1, 2)
rescue NoMethodError => e
  show(e)
  p e.args
end
begin
  Object::Undefined_Constant_Xyz
rescue NameError => e
  show(e)
  p e.name
end
begin
  nil.zork
rescue NoMethodError => e
  p e.receiver
  p e.name
end
class Foo
  def bar = baz_missing
  def self.cm = cm_missing
end
begin
  Foo.new.bar
rescue NameError => e
  show(e)
end
begin
  Foo.cm
rescue NameError => e
  show(e)
end
begin
  Foo.new.send(:qux, 1)
rescue NoMethodError => e
  show(e)
end
begin
  3.14.zork
rescue NoMethodError => e
  show(e)
end
begin
  true.zork
rescue NoMethodError => e
  show(e)
end
begin
  Class.zork
rescue NoMethodError => e
  show(e)
end
