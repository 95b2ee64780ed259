# Multiple assignment with a splat and post targets when there are too few values: post
# targets follow the pre ones, nil-padded (CRuby's bootstraptest test_massign)
ary = [0]
*a, b, c, d, e, f = *ary; p [a, b, c, d, e, f]
a, *b, c, d, e, f = [0, 1]; p [a, b, c, d, e, f]
a, b, *c, d, e, f = [0, 1, 2, 3]; p [a, b, c, d, e, f]
a, *b, c = [1, 2, 3, 4]; p [a, b, c]
a, (b, *c, d) = 1, [2]; p [a, b, c, d]
p proc { |x, *y, z, w| [x, y, z, w] }.call(0, 1)
r = :ok
:ng.tap { |(r)| }
p r
