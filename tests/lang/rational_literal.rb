# Rational and imaginary literal suffixes: r, i, ri on integers (any base) and decimals
p 0r, 1r, -1r, 3r.class
p 0x1r, 0b101r, 0o17r, 0d12r, 017r, 1_000r
p 1.2r, -1.2r, 0.75r, 12.50r, 1.0000000000000000001r
p 0i, 1i, -2i, 0x10i, 1.5i, 1e1i, 1E2i, 2i.class
p 1ri, 1.2ri, -3ri, 0b11ri
p 3r.frozen?, 2i.frozen?, 1.5ri.frozen?
# a suffix counts only when no letter follows: these are modifiers
p((1if true))
p((1rescue nil))
v = 1if true
p v
x = 5
p((x if 1r))
# with operators and precedence
p 1/3r, 2 * 3i, 1 + 2i, 1.5r - 1, -2r ** 2, -2i ** 2, -1i.real, 3ri / 2
a = [1r, 2i, 1.5r]
p a, a.map(&:class)
h = {1r => :one, 2i => :two}
p h[1r], h[Complex(0, 2)], h[1]
def lit_in_method = 7r / 2
p lit_in_method, lit_in_method.equal?(lit_in_method)
p "#{1/3r} #{2i}"
# a suffix that does not apply is a syntax error
["1ir", "1.2ir", "1e1r", "1rr", "1abc"].each do |src|
  begin
    eval(src)
    puts "#{src}: no error"
  rescue SyntaxError => e
    puts "#{src}: #{e.message[/unexpected [^,]*/]}"
  end
end
