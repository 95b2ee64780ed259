# Inventory report: Struct, Comparable, sorting, grouping, formatting
Item = Struct.new(:name, :category, :price, :qty) do
  include Comparable
  def total = price * qty
  def <=>(o) = [category, -total, name] <=> [o.category, -o.total, o.name]
end
items = [
  Item.new("hammer", :tools, 12.5, 4),
  Item.new("nails", :tools, 0.05, 1000),
  Item.new("apple", :food, 0.4, 50),
  Item.new("bread", :food, 2.25, 8),
  Item.new("saw", :tools, 22.0, 1),
  Item.new("cheese", :food, 7.8, 3),
]
items.sort.group_by(&:category).each do |cat, list|
  puts "== #{cat} =="
  list.each { |i| puts format("%-8s %6.2f x %4d = %8.2f", i.name, i.price, i.qty, i.total) }
  puts format("%-8s %24.2f", "subtotal", list.sum(&:total))
end
p items.max_by(&:total).name
p items.min.name
p items.sum(&:qty)
p items.partition { |i| i.price > 5 }.map { |l| l.map(&:name) }
p items.map(&:category).uniq
p items.each_with_object(Hash.new(0)) { |i, h| h[i.category] += i.qty }
cheap = items.select { |i| i.price < 1 }.map(&:name).sort
p cheap
p items.sort_by { |i| [-i.qty, i.name] }.first(3).map(&:name)
