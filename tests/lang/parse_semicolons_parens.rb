# Semicolons, parenthesised expressions and statement sequences
a = 1; b = 2; p a + b
p((a = 3; b = 4; a * b))
x = (1; 2; 3)
p x
def m; :one_line_def; end
p m
class C; def x = 1; end; p C.new.x
if a > 1 then p :then_form end
while false do end
p (1 + 2) * 3
p ((1 + 2) * 3)
v = begin 1; 2 end
p v
p [(1), (2 + 3), ()]
y = (p :side_effect; :value)
p y
z = (nil || (false or :deep))
p z
