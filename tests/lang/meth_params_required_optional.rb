# Required and optional parameters
def req(a, b) = [a, b]
def opt(a, b = 2, c = a + b) = [a, b, c]
def opt_mid(a, b = :dflt, c) = [a, b, c]
def all_opt(a = 1, b = 2) = [a, b]
def side_effect(x = (puts "default evaluated"; 9)) = x
p req(1, 2)
p opt(1)
p opt(1, 5)
p opt(1, 5, 0)
p opt_mid(1, 3)
p opt_mid(1, 2, 3)
p all_opt
p all_opt(:x)
p side_effect
p side_effect(1)
def counter(n = (@c = (@c || 0) + 1)) = n
p counter, counter, counter(0), counter
p method(:req).arity
p method(:opt).arity
p method(:opt_mid).arity
p method(:all_opt).arity
p method(:req).parameters
p method(:opt).parameters
p method(:opt_mid).parameters
def nested_default(a, b = [a, a]) = b
p nested_default(7)
