# Proc#== / eql? / hash: lambdas from the same literal in the same scope (mruby proc.rb)
b = []
t = 2
while t > 0
  b << ->{}
  t -= 1
end
p b[0] == b[1], b[0].hash == b[1].hash, b[0].eql?(b[1])
p proc {} == proc {}
x = ->{}
p x == x.dup
