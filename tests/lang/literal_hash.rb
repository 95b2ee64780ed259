# Hash literals
p({})
p({ a: 1, b: 2 })
p({ "a" => 1, :b => 2, 3 => [4] })
p({ "str": 1 })
p({ a: { b: { c: 1 } } })
h = { x: 1 }
p({ **h, y: 2 })
p({ y: 0, **h })
p({ 1 => :int, 1.0 => :float })
p({ nil => 1, true => 2 })
p({ [1, 2] => "arr" })
x = 3
y = 4
p({ x:, y: }) rescue p :no_shorthand
def kw(**o) = o
p kw(a: 1, "b": 2)
p Hash.new(0)[:missing]
p Hash[[[:k, :v]]]
p({ a: 1 }.class)
p({ a: 1 }.size)
p({ "k" => nil })
p({ a: 1, "b" => 2 }.keys)
