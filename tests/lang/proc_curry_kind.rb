# Proc#curry: a curried proc and its steps are procs, a curried lambda's are lambdas;
# arity errors of a curried lambda.
c = proc { |a, b, c| [a, b, c] }.curry
p c.lambda?, c[1].lambda?, c[1][2][3], c[1, 2][3], c[1][2, 3, 4]
l = lambda { |a, b, c| a + b + c }.curry
p l.lambda?, l[1].lambda?, l[1][2][3], l[1, 2][3]
p proc { |a, b| [a, b] }.curry[1][2], (lambda { |a, b| }.curry(3) rescue $!.message)
begin
  l[1][2][3, 4]
rescue ArgumentError => e
  p e.message
end
