# Forwarding *args, **kw, &blk and (...) through layers
def target(a, b = :b, *rest, k: :k, **kw, &blk)
  [a, b, rest, k, kw, blk ? blk.call : nil]
end
def fwd_all(*args, **kw, &blk) = target(*args, **kw, &blk)
def fwd_dots(...) = target(...)
def fwd_lead(x, ...) = target(x, ...)
p fwd_all(1)
p fwd_all(1, 2, 3, k: 4, z: 5) { :blk }
p fwd_dots(1, 2, k: 3)
p fwd_dots(1) { :dots_block }
p fwd_lead(:lead, :b2, :r1)
def ruby2(*args, &blk) = target(*args, &blk)
p ruby2(1, 2, k: 3)
h = { k: 9 }
p fwd_all(0, **h)
p fwd_all(0, h)
def only_kw(**kw) = kw
def pass_hash(h) = only_kw(**h)
p pass_hash({ a: 1 })
def optional_hash(a, opts = {}) = [a, opts]
p optional_hash(1, x: 2)
def block_through(&b) = [1, 2].map(&b)
def outer_through(&b) = block_through(&b)
p outer_through { |v| v * 100 }
