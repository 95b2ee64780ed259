# Roman numerals: conversion both ways, round trip
ROMAN = { 1000 => "M", 900 => "CM", 500 => "D", 400 => "CD", 100 => "C", 90 => "XC",
          50 => "L", 40 => "XL", 10 => "X", 9 => "IX", 5 => "V", 4 => "IV", 1 => "I" }.freeze
def to_roman(n)
  raise ArgumentError, "out of range: #{n}" unless (1..3999).cover?(n)
  ROMAN.reduce(+"") do |s, (v, r)|
    count, n = n.divmod(v)
    s << r * count
  end
end
def from_roman(s)
  vals = s.chars.map { |c| ROMAN.key(c) }
  vals.each_with_index.sum { |v, i| vals[i + 1] && vals[i + 1] > v ? -v : v }
end
[1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999].each { |n| puts "#{n} = #{to_roman(n)}" }
p %w[III LVIII MCMXCIV MMXXIV].map { |r| from_roman(r) }
p (1..3999).all? { |n| from_roman(to_roman(n)) == n }
begin
  to_roman(0)
rescue ArgumentError => e
  puts e.message
end
p (1..20).map { |n| to_roman(n) }.join(" ")
