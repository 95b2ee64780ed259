# **{} (an empty keyword splat) passes nothing, to C methods and Ruby methods alike
p [].push(**{})
h = {}
p [1].push(**h)
def m(*a, **k) = [a, k]
p m(**{})
p m(1, **h)
p "x".center(5, **{}) rescue p $!
p [[1, 2]].to_h(**{}) rescue p $!
