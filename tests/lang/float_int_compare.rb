# Float <=> Integer comparisons are exact beyond 2**53 (the opt_* Float fast path and
# tier 1's inline one leave such Fixnums to Integer's method), also inside a hot block.
big = 2**53 + 1
f = 2.0**53
p [f < big, f <= big, f > big, f >= big, big > f, big < f, big >= f, big <= f]
a = [f, big]
r = []
200.times { r << (a[0] < a[1]) << (a[1] > a[0]) << (a[1] <= a[0]) }
p r.uniq
p [1.5 < 2, 2 > 1.5, 3 <= 3.0, -(2**62) < -1.0e300]
