# ARGV, $0, RUBY_VERSION facts, stdin at EOF, misc Kernel
p ARGV
p ARGV.class
p ARGV.empty?
p $0
p __FILE__ == $0
p RUBY_VERSION.class
p RUBY_VERSION.start_with?("3.")
p defined?(RUBY_PLATFORM)
p $stdin.read
p gets
p $stdin.eof?
p Integer === __LINE__
p caller.class
p Kernel.respond_to?(:format, true)
p frozen?
p self.to_s
p Comparable.is_a?(Module)
p sleep(0)
p __method__
p block_given?
p [1, 2].frozen?
p Object.new.then { 1 }
