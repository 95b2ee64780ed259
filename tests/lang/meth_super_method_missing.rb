# super with no superclass method goes to the receiver's method_missing (mruby kernel.rb)
class MM
  def method_missing(sym, *a) = "A call to #{sym} #{a.inspect}"
  def respond_to_missing?(*) = true
end
class SubMM < MM
  def no_super_here(x) = super
end
p SubMM.new.no_super_here(3)
class NoMM
  def lonely = super
end
begin
  NoMM.new.lonely
rescue NoMethodError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
end
