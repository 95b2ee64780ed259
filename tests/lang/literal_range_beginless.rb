# Beginless and endless ranges, inclusive and exclusive (found by mruby's range.rb)
p((...1).exclude_end?, (..1).exclude_end?, (1...).exclude_end?, (1..).exclude_end?)
p (...10).include?(10), (..10).include?(10), (...10).include?(0)
p (1...).include?(0), (1..).include?(10)
r = (..5)
p r, r.end, r.begin
p [1, 2, 3, 4, 5, 6][..2], [1, 2, 3, 4, 5, 6][...2], [1, 2, 3, 4, 5, 6][3..]
case 3
when ...3 then p :below
when 3.. then p :at_or_above
end
