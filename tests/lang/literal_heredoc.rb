# Heredocs: <<ID, <<-ID, <<~ID, quoting
x = 5
a = <<EOS
plain #{x}
  indented kept
EOS
p a
b = <<-EOS
    dash allows indented terminator
    EOS
p b
c = <<~EOS
    squiggly strips
      common indent
    value #{x}
EOS
p c
d = <<~'EOS'
  raw #{x} \n
  kept
EOS
p d
e = <<~"EOS"
  quoted #{x}
EOS
p e
f = <<~EOS.upcase
  method on heredoc
EOS
p f
def two(a, b) = a + b
p two(<<A, <<B)
first
A
second
B
g = <<~EOS

  blank line above
    deeper

  end
EOS
p g
h = [<<~ONE, "mid", <<~TWO]
  one
ONE
  two
TWO
p h
i = <<~EOS
  tab\tescape
  #{"interp"} at start
EOS
p i
p <<~EOS.lines.size
  a
  b
  c
EOS
