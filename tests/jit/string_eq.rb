# flags: --jit-tier1-threshold=2
# check: compiled_iseqs >= 1
# check: invalidations >= 1
# String == and != from compiled opt_eq/opt_neq compare directly: equal and unequal
# Strings, a String against a non-String, a String subclass with its own ==, and
# String#== redefined while the loop runs.
class Loud < String
  def ==(o) = true
end

def tally(chars)
  n = 0
  chars.each { |c| n += 1 if c == "-"; n += 10 if c != ";" }
  n
end

def same(a, b) = [a == b, a != b]

s = "a-b;c--;"
4.times { p tally(s.chars) }
p same("x", "x"), same("x", "y"), same("x", :x), same("é", "é"), same(Loud.new("q"), "z")
class String
  def ==(o) = :redefined
end
p tally(s.chars), same("x", "x")
