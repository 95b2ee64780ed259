# Line continuation: trailing operators, leading dots, backslash, open brackets
x = 1 +
  2 +
  3
p x
y = [1, 2, 3]
  .map { |v| v * 2 }
  .select { |v| v > 2 }
  .sum
p y
z = [1, 2, 3].
  map { |v| v + 1 }.
  sum
p z
s = "a" \
  "b"
p s
t = 10 \
  - 3
p t
h = {
  a: 1,
  b: 2,
}
p h
arr = [
  1,
  2,
]
p arr
def m(a,
      b,
      c: 3)
  [a, b, c]
end
p m(1,
    2)
cond = true &&
  false
p cond
v = 5
  .then { _1 * 2 }
p v
w = (1..3)
  # comment between chained calls
  .to_a
p w
q = [1, 2].map do |e|
  e * 3
end.sum
p q
r = if x > 3 then
  :big
else
  :small
end
p r
