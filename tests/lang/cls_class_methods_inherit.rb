# Class methods are inherited; super in class methods; self in class methods
class Model
  def self.table = name.downcase + "s"
  def self.create(**attrs) = new.tap { |m| m.attrs = attrs }
  def self.describe = "#{self}(#{table})"
  attr_accessor :attrs
end
class User < Model
  def self.table = "people"
  def self.describe = super + " [custom]"
end
class Admin < User; end
p Model.table, User.table, Admin.table
p Model.describe, User.describe, Admin.describe
u = Admin.create(name: "root")
p u.class, u.attrs
p Admin.singleton_class.superclass == User.singleton_class
p Admin.respond_to?(:create)
p User.singleton_methods.sort, Admin.singleton_methods.sort
class Model
  def self.late_added = :late
end
p Admin.late_added
module Findable
  def find(id) = "#{name}##{id}"
end
Model.extend(Findable)
p Admin.find(3)
