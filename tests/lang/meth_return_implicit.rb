# Implicit return values of various constructs
def a = 1
def b; end
def c
  x = 10
end
def d(f)
  if f
    :then
  end
end
def e
  [1, 2].each { }
end
def f
  while false; end
end
def g
  case 3 when 1 then :one end
end
def h
  begin
    :body
  rescue
    :rescued
  else
    :else_value
  ensure
    :ensure_ignored
  end
end
def i
  raise "x"
rescue
  :from_rescue
end
def j = (def inner_def = 1)
def k
  @ivar = :assigned
end
def l = (x, y = 1, 2)
def m = Class.new.class
p a, b, c, d(true), d(false), e, f, g, h, i, j, k, l, m
p (def named; end)
