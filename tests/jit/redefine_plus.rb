# flags: --jit-tier1-threshold=5
# check: compiled_iseqs >= 1
# check: invalidations >= 1
# check: exit_invalidated >= 1
# Integer#+ redefined while a compiled loop is running: the next + sees it at once.
def run(n)
  i = 0
  total = 0
  while i < n
    total = total + 1
    if i == 50
      Integer.class_eval do
        alias_method :orig_plus, :+
        def +(o) = orig_plus(o).orig_plus(1000)
      end
    end
    i = i.orig_plus(1) rescue i = i + 1
  end
  total
end
p run(100)
