# case/when with literal values
def name(n)
  case n
  when 1 then "one"
  when 2, 3 then "two or three"
  when "s" then "string s"
  when :sym then "symbol"
  when nil then "nil"
  when 4.0 then "four point oh"
  else "other"
  end
end
p [1, 2, 3, "s", :sym, nil, 4, 4.0, 9].map { |x| name(x) }
r = case 5
    when 1 then :a
    end
p r
x = case
    when false then :no
    when 1 > 2 then :no2
    when :yes then :yes
    end
p x
case "hello"
when "world"
  puts "no"
when "hello"
  puts "matched hello"
  puts "second statement"
end
v = 7
msg = case
      when v < 5 then "low"
      when v < 10 then "mid"
      else "high"
      end
p msg
case 1
when 1
  p :first
when 1
  p :second_never
end
p(case :x when :y then 1 else 2 end)
calls = []
obj = Object.new
obj.define_singleton_method(:===) { |o| calls << o; false }
case 42
when obj then p :no
else p :else
end
p calls
