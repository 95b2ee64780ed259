# Percent literals
p %w[a b c]
p %w(one two  three)
p %w{x\ y z}
p %W[a#{1} b #{2 + 3}]
p %i[a b c]
p %I[s#{1} t]
p %q(single 'quoted' #{no})
p %Q(double "quoted" #{1 + 1})
p %(default #{:q})
p %q[nested [brackets] ok]
p %q<angle>
p %q|pipes|
p %w[]
p %w[
  multi
  line
]
p %s(sym)
p %q(a\nb)
p %Q(a\nb)
