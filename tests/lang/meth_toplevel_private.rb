# Top-level methods are private methods of Object
def helper = :helper_called
p helper
p Object.private_method_defined?(:helper)
p self.respond_to?(:helper)
p respond_to?(:helper, true)
class Any
  def use = helper
end
p Any.new.use
p 5.send(:helper)
begin
  5.helper
rescue NoMethodError => e
  puts e.message.lines.first.chomp
end
begin
  "s".helper
rescue NoMethodError => e
  puts e.message.lines.first.chomp
end
