# CRuby's exception class hierarchy
[
  NoMethodError, NameError, ArgumentError, TypeError, ZeroDivisionError,
  FloatDomainError, RangeError, KeyError, IndexError, StopIteration,
  FrozenError, RuntimeError, LocalJumpError, SystemStackError,
  NotImplementedError, ScriptError, LoadError, SyntaxError, IOError, EOFError,
  UncaughtThrowError, RegexpError, EncodingError,
  StandardError, Exception, SystemExit, Interrupt, SignalException,
  NoMatchingPatternError, Math::DomainError,
  Errno::ENOENT, SystemCallError
].each do |c|
  chain = c.ancestors.select { |a| a.is_a?(Class) }.take_while { |a| a != Object }
  puts chain.join(" < ")
end
p StandardError.new.is_a?(Exception)
p NoMethodError.new.is_a?(NameError)
p Exception.new.message
p StandardError.new("m").message
p RuntimeError.new(nil).message rescue p $!
p ArgumentError.new.message
p Exception.new("x").inspect
p Exception.new.inspect
p ArgumentError.new("bad").inspect
p ArgumentError.new("").inspect
p Exception.new("a", ) == Exception.new("a")
p Exception.new(:sym).message
p Exception.new(42).message
e = Exception.new("msg")
p e.backtrace
p e.cause
p Exception.exception("via class method").message
