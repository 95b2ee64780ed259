# require_relative: loads once, returns true then false
p require_relative("lib/helper")
p require_relative("lib/helper")
p require_relative("lib/helper.rb")
p Helper::VERSION
p Helper.greet("kiln")
p Helper.loads
puts HelperPoint.new(1, 2)
p require_relative("lib/nested_helper")
p Nested.call
p Helper.loads
begin
  require_relative "lib/does_not_exist"
rescue LoadError => e
  p e.class
  p e.message.include?("does_not_exist")
end
begin
  require_relative "lib/raises"
rescue ArgumentError => e
  p e.message
  p File.basename(e.backtrace.first.split(":").first)
end
p $LOADED_FEATURES.count { |f| f.end_with?("lib/helper.rb") }
p defined?(require)
