# Evaluation order: receiver, then arguments left to right
$log = []
def t(x)
  $log << x
  x
end
t(1) + t(2) * t(3)
p $log
$log = []
def m(a, b, c) = [a, b, c]
m(t(:a), t(:b), t(:c))
p $log
$log = []
h = {}
h[t(:key)] = t(:value)
p $log
$log = []
arr = [0, 0]
arr[t(0)] += t(5)
p $log, arr
$log = []
a, b = t(:r1), t(:r2)
p $log
$log = []
x = t(false) || t(:second)
p $log
$log = []
[t(1), t(2)].each { |v| t(v * 10) }
p $log
$log = []
t(:recv).then { t(:blk) }
p $log
$log = []
p({ t(:k1) => t(:v1), t(:k2) => t(:v2) })
p $log
$log = []
"#{t(:i1)}#{t(:i2)}"
p $log
$log = []
obj = Struct.new(:a).new(0)
obj.a ||= t(:not_called_for_zero) 
p $log
