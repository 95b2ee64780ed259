# Method calls without parentheses, nested command calls, and argument parsing
def add(a, b = 0) = a + b
def wrap(x) = "[#{x}]"
puts add 1, 2
puts wrap add 3, 4
puts wrap(add(5)), wrap("s")
p add 1, add(2, 3)
x = add 10, 20
p x
p [1, 2, 3].include? 2
puts [1, 2, 3].map(&:to_s).join ","
a = [1]
p a.push 2, 3
def kw(a:, b: 1) = [a, b]
p kw a: 5
p kw b: 2, a: 1
def opt(h = {}) = h
p opt k: 1
p(add 1, 1)
puts "#{add 2, 2}"
def m = :m
p m
p(m)
p (m)
p defined? m
p !m
