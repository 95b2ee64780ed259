# flags: --jit-tier1-threshold=1
# check: compiled_iseqs >= 2
# check: opt_slow <= 2000
# check: recompiles >= 1
# Float arithmetic and comparisons inline (flonums, and a flonum with a Integer): code
# compiled before the first Float is recompiled when one comes. Heap Floats, -0.0, NaN and
# Infinity go through the helper; results as CRuby's.
def f(a, b)
  [a + b, a - b, a * b, a / b, a < b, a <= b, a > b, a >= b]
end
vals = [1.5, -2.25, 0.0, -0.0, 1e300, 1e-300, Float::NAN, Float::INFINITY, 3, 2**62, 0.1, 1e20]
vals.each { |a| vals.each { |b| p f(a, b) } }
x = 0.0
100000.times { |i| x += i * 0.5 - x / 3.0 }
p x
