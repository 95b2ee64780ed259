# Whitespace-sensitive parsing: unary minus, [] vs index, hash vs block, / vs regexp
def one(x = :none) = x
a = 5
p a - 1
p a -1
p(a - 1)
p one -1
p one - 1 rescue p :nomethod
arr = [10, 20]
p arr [1] rescue p :err
p arr[1]
p arr [0]
def pr(*a) = a
p pr [1, 2]
p pr([1, 2])
p(pr [1], [2])
b = 10
p b / 2
p b /2
h = { a: 1 }
p h
p({ b: 2 })
p [1, 2].map { |x| { x => x } }
p a ? 1 : 2
p a ?1 : 2 rescue p :err
c = a.between?(1, 10)? :in : :out
p c
p a.-@
p -a.abs
p(-2.abs)
p 2.0**-1
p a*2, a * 2
p a % 3
p a &1 rescue p :err
