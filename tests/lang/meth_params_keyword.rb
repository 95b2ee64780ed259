# Keyword parameters: required, optional, **rest
def kw(a:, b: 2) = [a, b]
def kwrest(x, **opts) = [x, opts]
def mixed(a, b = 1, *r, c:, d: 4, **k, &blk) = [a, b, r, c, d, k, blk&.call]
p kw(a: 1)
p kw(a: 1, b: 3)
p kw(b: 3, a: 1)
p kwrest(1)
p kwrest(1, y: 2, z: 3)
p kwrest(1, "str" => 4)
p mixed(1, c: 3)
p mixed(1, 2, 3, 4, c: 5, d: 6, e: 7) { :blk }
h = { a: 10 }
p kw(**h)
p kw(**h, b: 20)
def opt_hash(h = {}) = h
p opt_hash(x: 1)
p opt_hash({ x: 1 })
def pos_and_hash(a, h) = [a, h]
p pos_and_hash(1, k: 2)
def kw_default_dep(a:, b: a * 2) = [a, b]
p kw_default_dep(a: 4)
p method(:kw).arity
p method(:kwrest).arity
p method(:kw).parameters
p method(:mixed).parameters
def anon_kw(**) = :ok
p anon_kw(z: 1)
def ret_kw(**kw) = kw
r = ret_kw(a: 1)
r[:b] = 2
p r
p ret_kw(**{})
def splat_last(*a) = a
p splat_last(1, k: 2)
p splat_last(**{})
