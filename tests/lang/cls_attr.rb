# attr_reader / attr_writer / attr_accessor
class Person
  attr_reader :name
  attr_writer :age
  attr_accessor :email, :phone
  def initialize(n) = @name = n
  def age_info = @age
end
pr = Person.new("Ann")
p pr.name
pr.age = 30
p pr.age_info
pr.email = "a@b"
p pr.email
p pr.phone
p (pr.phone = "123")
p pr.respond_to?(:name=)
p pr.respond_to?(:age)
p Person.instance_methods(false).sort
r = Person.send(:attr_accessor, :x, :y)
p r
class Pt
  attr_accessor :x
  def move = (self.x += 1)
  def bad_move = (x = 100)
end
q = Pt.new
q.x = 1
q.move
p q.x
q.bad_move
p q.x
class Pt
  attr_reader "strname"
  def initialize = @strname = :s
end
p Pt.new.strname
begin
  Class.new { attr_reader :"bad name" }
rescue NameError => e
  puts e.message.lines.first.chomp
end
p pr.instance_variables
