# Deep recursion raises SystemStackError, which can be rescued
def f(n) = f(n + 1)
begin
  f(0)
rescue SystemStackError => e
  p e.class
  p e.message
  p e.is_a?(StandardError)
  p e.is_a?(Exception)
end
def g(n)
  g(n + 1) + 1
end
r = begin
  g(0)
rescue SystemStackError
  :recovered
end
p r
def depth(n)
  depth(n + 1)
rescue SystemStackError
  n
end
p depth(0) > 1000
p [1, 2, 3].sum
