# Uncaught custom exception class, multi-line message, ensure still runs
class MyAppError < StandardError; end
module Deep
  def self.work
    yield
  ensure
    puts "ensure runs before exit"
  end
end
Deep.work { raise MyAppError, "first line\nsecond line" }
