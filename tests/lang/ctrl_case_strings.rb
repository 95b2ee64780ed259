# case with strings, symbols, nil, true/false and mixed types; then and semicolon forms
def cmd(s)
  case s
  when "start", "begin" then :go
  when "stop"; :halt
  when /^set (\w+)$/ then [:set, $1]
  when "" then :empty
  when String then :unknown_string
  when true, false then :bool
  when nil then :nothing
  end
end
p cmd("start"), cmd("begin"), cmd("stop"), cmd("set x"), cmd(""), cmd("zz")
p cmd(true), cmd(false), cmd(nil), cmd(3)
def sym(v)
  case v
  when :a, :b then "a or b"
  when :c
    "c"
  else
    "other #{v.inspect}"
  end
end
p [:a, :b, :c, :d].map { |v| sym(v) }
val = case 1.0
      when 1 then "1 matches 1.0"
      end
p val
p(case "1" when 1 then :int else :no end)
x = 7
t = case
    when x.even? then :even
    when x % 3 == 0 then :three
    else :other
    end
p t
p(case [1, 2] when [1, 2] then :array_eq end)
p(case({ a: 1 }) when { a: 1 } then :hash_eq end)
