# A newline after a required keyword in a parenthesis-free def ends the parameters (the next
# line is the body); elsewhere a newline after a label is skipped (hash, call, lambda, block)
def a1 k:
  :body
end
def a2 k:, j: 2
  [k, j]
end
def a3 j: 1, k:
  [j, k]
end
def a4 x, k: 3
  [x, k]
end
def a5(k:
  5)
  k
end
h = { a:
  1, b:
  2 }
p a1(k: 0), a2(k: 1), a3(k: 9), a4(0), a5, h
p(foo:
  1)
f = ->(k:
  2) { k }
p f.()
p [1].map { |x, k:
  3| k }
def a6 k: (1 +
  2)
  k
end
p a6
