# unless with else, unless modifiers, and negated conditions
def check(v)
  unless v
    "falsy #{v.inspect}"
  else
    "truthy #{v.inspect}"
  end
end
p [nil, false, 0, "", [], :x].map { |v| check(v) }
x = 5
r = unless x > 10 then :small else :big end
p r
p (:mod unless x.zero?)
p (:mod unless x == 5)
items = []
items << :added unless items.include?(:added)
items << :added unless items.include?(:added)
p items
unless x.even? || x > 100
  puts "odd and small"
end
y = nil
y = :set unless defined?(z)
p y
p(unless false; 1; end)
p(unless true; 1; end)
