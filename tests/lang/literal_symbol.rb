# Symbol literals
p :abc
p :abc_def
p :Const
p :"with space"
p :"dyn#{1 + 1}"
p :'single'
p :+
p :[]
p :[]=
p :<=>
p :==
p :!
p :a?
p :b!
p :c=
p :@iv
p :@@cv
p :$gv
p :abc.class
p :abc.to_s
p :abc.to_sym
p "abc".to_sym
p :abc == :"abc"
p :abc.equal?(:abc)
p :"9x"
p :"foo-bar"
p %s{x y}
p :a.length
p :abc.to_proc.call("x") rescue p $!.class
p({ "a b": 1 })
p :"" rescue p :err
