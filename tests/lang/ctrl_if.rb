# if / elsif / else / unless, as statements and expressions
def classify(n)
  if n < 0
    :negative
  elsif n == 0
    :zero
  elsif n < 10
    :small
  else
    :large
  end
end
p [-5, 0, 3, 99].map { |n| classify(n) }
x = if false then 1 end
p x
y = if true then :t else :f end
p y
p(if nil; 1; else; 2; end)
unless 1 > 2
  puts "unless body"
else
  puts "unless else"
end
z = unless true then :u end
p z
puts "modifier if" if 1
puts "never" if nil
puts "modifier unless" unless nil
v = 10
v = 20 if v > 5
p v
if (a = 3) > 2
  p a
end
if v == 20 and a == 3
  puts "and in condition"
end
if not v == 21
  puts "not in condition"
end
p (:a if false).nil?
w = if 0 then "zero is truthy" end
p w
empty = ""
if empty then puts "empty string truthy" end
if []
  puts "empty array truthy"
end
def early(x)
  return :early if x
  :late
end
p early(true), early(false)
r = if false
    elsif nil
    end
p r
