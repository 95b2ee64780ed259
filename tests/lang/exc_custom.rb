# Custom exception classes
class AppError < StandardError; end
class NotFound < AppError
  attr_reader :id
  def initialize(id, msg = "record #{id} not found")
    @id = id
    super(msg)
  end
end
class Invalid < AppError
  def initialize(msg = "invalid by default") = super
end
begin
  raise NotFound.new(7)
rescue AppError => e
  p e.class
  p e.message
  p e.id
  p e.is_a?(StandardError)
end
begin
  raise NotFound, 9
rescue NotFound => e
  p e.message
end
begin
  raise Invalid
rescue => e
  p e.message
end
begin
  raise Invalid, "explicit"
rescue => e
  p e.message
end
p NotFound.ancestors.take(4)
class WithData < StandardError
  def initialize(data)
    @data = data
    super("data: #{data.inspect}")
  end
  attr_reader :data
end
begin
  raise WithData.new({ a: 1 })
rescue WithData => e
  p e.data
  p e.message
end
module Tagged; end
class TaggedErr < RuntimeError
  include Tagged
end
begin
  raise TaggedErr, "t"
rescue Tagged => e
  p [:rescued_by_module, e.message]
end
def wrap
  yield
rescue ZeroDivisionError => e
  raise AppError, "wrapped: #{e.message}"
end
begin
  wrap { 1 / 0 }
rescue AppError => e
  p e.message
  p e.cause.class
  p e.cause.message
end
class ExcWithExit < Exception; end
begin
  raise ExcWithExit
rescue StandardError
  p :no
rescue Exception => e
  p e.class.superclass
end
