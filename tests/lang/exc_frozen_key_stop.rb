# KeyError, StopIteration, IndexError, RangeError details
begin
  { a: 1 }.fetch(:zz)
rescue KeyError => e
  p e.message
  p e.key
  p e.receiver
end
begin
  ENV.fetch("KILN_SURELY_UNSET_VAR")
rescue KeyError => e
  p e.message
end
h = { a: 1 }
p h.fetch(:b, :dflt)
p h.fetch(:b) { |k| "block #{k}" }
begin
  raise StopIteration
rescue IndexError => e
  p e.class
  p e.message
end
begin
  [1].fetch(9)
rescue IndexError => e
  p e.message
end
begin
  "abc".fetch(1) rescue raise IndexError, "custom idx"
rescue IndexError => e
  p e.message
end
begin
  [].first(-2)
rescue ArgumentError => e
  p e.message
end
begin
  (2**64).chr
rescue RangeError => e
  p e.message
end
begin
  256.chr
rescue RangeError => e
  p e.message
end
begin
  [1, 2].sample(-1)
rescue ArgumentError => e
  p e.message
end
p 1.0.nan?
begin
  Float::NAN.to_i
rescue FloatDomainError => e
  p e.message
end
begin
  Float::INFINITY.floor
rescue FloatDomainError => e
  p e.message
end
