# Heredoc edge cases: method calls on the opener, several per line, in arguments
a = <<~A.lines.map(&:strip).join("|")
  one
  two
A
p a
def join(*s) = s.map(&:chomp).join("+")
p join(<<~X, "mid", <<~Y)
  x-body
X
  y-body
Y
h = { text: <<~T, other: 1 }
  in a hash
T
p h
p [<<~E.upcase, :after]
  shout
E
r = <<~R
  #{[1, 2].map { |i| "item #{i}" }.join("\n")}
  end
R
p r
s = <<-'RAW'
    keep \t and #{this}
    RAW
p s
empty = <<~EMPTY
EMPTY
p empty
nested = <<~OUT
  outer #{<<~IN.strip}
    inner
  IN
  done
OUT
p nested
q = <<~"Q".length
  abc
Q
p q
