# Op-assign on instance variables, globals, class variables, constants
class Memo
  def get
    @v ||= compute
  end
  def compute
    puts "compute"
    :val
  end
  def toggle
    @flag &&= false
    @flag
  end
  def init_flag = @flag = true
  def add = (@n ||= 0; @n += 5)
  @@cv ||= 1
  @@cv += 1
  def self.cv = @@cv
end
m = Memo.new
p m.get
p m.get
p m.toggle
m.init_flag
p m.toggle
p m.add
p m.add
p Memo.cv
$gg ||= [1]
$gg += [2]
p $gg
LIMIT ||= 5
p LIMIT
module Conf
  SIZE ||= 3
  SIZE ||= 99
end
p Conf::SIZE
Conf::OTHER ||= :o
p Conf::OTHER
Conf::OTHER ||= :again
p Conf::OTHER
p defined?(NOTHING_HERE)
NOTHING_HERE ||= :now
p NOTHING_HERE
