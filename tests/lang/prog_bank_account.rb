# A bank account class hierarchy with custom errors
class InsufficientFunds < StandardError
  def initialize(needed) = super("insufficient funds: need #{needed} more")
end
class Account
  attr_reader :owner, :balance, :history
  @@count = 0
  def self.count = @@count
  def initialize(owner, balance = 0)
    @owner, @balance, @history = owner, balance, []
    @@count += 1
  end
  def deposit(amt)
    raise ArgumentError, "amount must be positive" unless amt.positive?
    @balance += amt
    log(:deposit, amt)
  end
  def withdraw(amt)
    raise InsufficientFunds.new(amt - @balance) if amt > @balance
    @balance -= amt
    log(:withdraw, amt)
  end
  def transfer(to, amt)
    withdraw(amt)
    to.deposit(amt)
    self
  end
  def to_s = "#{self.class.name}(#{owner}: #{format('%.2f', balance)})"
  private
  def log(kind, amt)
    @history << [kind, amt]
    self
  end
end
class Savings < Account
  RATE = 0.05
  def add_interest = deposit((balance * RATE).round(2))
  def withdraw(amt)
    raise "savings: max 2 withdrawals" if history.count { |k, _| k == :withdraw } >= 2
    super
  end
end
class Checking < Account
  def initialize(owner, balance = 0, overdraft: 100) = (super(owner, balance); @overdraft = overdraft)
  def withdraw(amt)
    raise InsufficientFunds.new(amt - @balance - @overdraft) if amt > @balance + @overdraft
    @balance -= amt
    @history << [:withdraw, amt]
    self
  end
end
a = Savings.new("ann", 1000)
b = Checking.new("bob", 50)
puts a, b
a.add_interest
puts a
a.transfer(b, 200)
puts a, b
b.withdraw(300)
puts b
begin
  b.withdraw(1)
rescue InsufficientFunds => e
  puts "error: #{e.message}"
end
a.withdraw(10)
begin
  a.withdraw(10)
rescue => e
  puts "#{e.class}: #{e.message}"
end
begin
  a.deposit(-5)
rescue ArgumentError => e
  puts e.message
end
p a.history
p b.history
p Account.count
accounts = [a, b, Account.new("cy", 75)]
puts accounts.sort_by(&:balance).map(&:owner).join(" < ")
puts "total: %.2f" % accounts.sum(&:balance)
