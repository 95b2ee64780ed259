def t(v)
  case v
  in 1 then :one
  in Integer | Float => n if n > 100 then [:big, n]
  in [] then :empty
  in [x] then [:one_elem, x]
  in [1, *rest] then [:starts1, rest]
  in [a, [b, c]] then [:nested, a, b, c]
  in {name: String => name, age:} then [:person, name, age]
  in {k: 1, **rest} then [:k1, rest]
  in String then :str
  in nil then :nil
  in ..0 then :nonpos
  else :other
  end
end
p t(1), t(500), t(2.5e3), t([]), t([9]), t([1, 2, 3]), t([0, [2, 3]]), t({name: "Al", age: 3})
p t({k: 1, z: 2}), t("s"), t(nil), t(-4), t(:sym), t(3)
x = 5
case 5
in ^x then p :pinned
end
r = (1 in Integer)
p r
r = ("a" in Integer)
p r
{a: 1, b: 2} => {a:}
p a
begin
  3 => String
rescue NoMatchingPatternError => e
  p e.class
end
case [1, [2]]
in [Integer => q, [r]]
  p [q, r]
end
case {status: "ok", data: {items: [1, 2]}}
in {status: "ok", data: {items: [first, *]}}
  p first
end
Point = Struct.new(:x, :y)
case Point.new(1, 2)
in [x, y] then p [:arr, x, y]
end
case Point.new(1, 2)
in {x:, y:} then p [:hash, x, y]
end
case 7
in Integer => n unless n < 0 then p n
end
