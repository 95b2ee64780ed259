# frozen_string_literal: true
# The magic comment freezes string literals (but not interpolated ones)
s = "literal"
p s.frozen?
p "#{s} interpolated".frozen?
p 'single'.frozen?
p String.new("new").frozen?
p s.dup.frozen?
p (+s).frozen?
p (-"x").frozen?
begin
  s << "!"
rescue FrozenError => e
  p e.class
  puts e.message
end
t = s + " plus"
p t.frozen?
u = +"mutable"
u << " ok"
p u
p %w[a b].map(&:frozen?)
p <<~H.frozen?
  heredoc
H
p "abc".upcase.frozen?
