# Symbol methods
p :abc.to_s
p :abc.to_sym
p :abc.length, :abc.size
p :abc.upcase, :Abc.downcase, :abc.capitalize, :aBc.swapcase
p :abc <=> :abd
p :b > :a
p :abc[1]
p :abc.start_with?("a"), :abc.end_with?("c")
p :a.succ
p :abc.inspect
p :"a b".inspect
p :abc.to_proc.call("x") rescue p $!.class
p %i[c a b].sort
p :abc.empty?, :"".empty?
p :abc.class
p :abc.frozen?
p "str".to_sym.equal?(:str)
p :abc.hash == :abc.hash
p :upcase.to_proc.call("q")
p [:a, :b].map(&:to_s)
p :a.object_id == :a.object_id
h = { sym: 1, "str" => 2 }
p h[:sym], h["sym"], h[:str]
p :"with-dash"
p :Const.to_s
p :abc.encoding rescue p $!
p :abc =~ /b/
p :abc.match?(/c/)
p Symbol.all_symbols.class
