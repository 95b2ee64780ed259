# protected: callable with an explicit receiver of the same class family
class Account
  def initialize(b) = @balance = b
  def >(other) = balance > other.balance
  def transfer_check(other) = other.balance
  protected
  def balance = @balance
end
class Savings < Account; end
class Other
  def peek(acc) = acc.balance
end
a = Account.new(10)
s = Savings.new(5)
p a > s
p s > a
p s.transfer_check(a)
begin
  a.balance
rescue NoMethodError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
end
begin
  Other.new.peek(a)
rescue NoMethodError => e
  puts e.message.lines.first.chomp.sub(/0x\h+/, "XX")
end
p a.respond_to?(:balance)
p Account.protected_instance_methods
p a.send(:balance)
