# Single-quoted strings: only \\ and \' are escapes
puts 'hello'
puts 'it''s adjacent'
puts 'it\'s'
puts 'back\\slash'
puts 'no \n escape'
puts 'no #{interp}'
p 'tab\there'
p ''
p 'a' 'b' 'c'
p 'multi
line'
p 'x'.length
p 'back\\slash'.length
p 'no \n escape'.length
s = 'abc'
s2 = s
s2 << 'd'
p s
p s.equal?(s2)
p 'q'.frozen?
p 'abc'.class
