# Splat (*rest) and post parameters
def rest(*a) = a
def head_rest(h, *t) = [h, t]
def rest_post(*a, z) = [a, z]
def full(a, b = 2, *c, d, e) = [a, b, c, d, e]
def anon(*) = :anon
p rest
p rest(1)
p rest(1, 2, 3)
p head_rest(1)
p head_rest(1, 2, 3)
p rest_post(1)
p rest_post(1, 2, 3)
p full(1, 4, 5)
p full(1, 2, 3, 4, 5, 6)
p full(1, 9, 4, 5)
p anon(1, 2)
arr = [1, 2, 3]
p rest(*arr)
p rest(0, *arr, 4)
p rest(*arr, *arr)
p head_rest(*"x")
p rest(*nil)
p rest(*1..3)
p method(:rest).arity
p method(:head_rest).arity
p method(:full).arity
p method(:full).parameters
def fwd(*args) = rest(*args)
p fwd(:a, :b)
def dots(...) = rest(...)
p dots(1, 2)
def mutate(*a)
  a << :added
  a
end
orig = [1]
p mutate(*orig)
p orig
