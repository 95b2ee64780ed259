# private / protected / public
def show(e) = puts("#{e.class}: #{e.message.lines.first.chomp.sub(/0x\h+/, 'XX')}")
class Acct
  def initialize(b) = @balance = b
  def pub = "pub uses #{secret}"
  def compare(o) = balance > o.balance
  def self_private = self.secret
  private
  def secret = "secret"
  public
  def also_public = :ok
  protected
  def balance = @balance
end
a = Acct.new(10)
b = Acct.new(5)
p a.pub
p a.compare(b)
p a.also_public
p a.self_private
begin
  a.secret
rescue NoMethodError => e
  show(e)
end
begin
  a.balance
rescue NoMethodError => e
  show(e)
end
p a.send(:secret)
p Acct.private_instance_methods(false).sort
p Acct.protected_instance_methods(false)
p Acct.public_instance_methods(false).sort
p a.respond_to?(:secret)
p a.respond_to?(:secret, true)
class Acct
  private def inline_private = :ip
  def uses_inline = inline_private
  public :balance
  private :also_public
end
p a.uses_inline
p a.balance
begin
  a.also_public
rescue NoMethodError => e
  show(e)
end
class Acct
  private
  attr_accessor :hidden
  public
  def set_hidden(v) = (self.hidden = v; hidden)
end
p a.set_hidden(7)
p Acct.private_method_defined?(:hidden=)
class Acct
  def self.make = new(0)
  private_class_method :new
end
begin
  Acct.new(1)
rescue NoMethodError => e
  show(e)
end
p Acct.make.balance
def top_private = :tp
p Object.private_method_defined?(:top_private)
p self.send(:top_private)
