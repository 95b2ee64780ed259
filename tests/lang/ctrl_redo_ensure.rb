# redo leaves begin/rescue/ensure bodies: the ensure clauses it leaves run (innermost first),
# ones outside the loop do not; in while loops, for loops and blocks, and from a rescue clause.
# Leaving a rescue clause by redo, next, break or return puts $! back as it was
log = []
limit = 3
e = RuntimeError.new("!")
for i in 0...3
  log.push i * 4 + 1
  begin
    limit -= 1
    break unless limit > 0
    log.push i * 4 + 2
    raise e
  rescue
    log.push i * 4 + 3
    redo
  ensure
    log.push i * 4 + 4
  end
end
p log

log = []
n = 0
[1, 2].each do |x|
  begin
    begin
      n += 1
      log << [x, n]
      redo if n == 1
    ensure
      log << :inner
    end
  ensure
    log << :outer
  end
end
p log

def in_method
  log = []
  n = 0
  begin
    while n < 3
      n += 1
      begin
        log << n
        redo if n == 2 && log.size < 4
      ensure
        log << :e
      end
    end
  ensure
    log << :method_ensure
  end
  log
end
p in_method

log = []
tries = 0
[:a].each do |x|
  tries += 1
  begin
    raise "boom" if tries < 3
    log << [x, tries]
  rescue => err
    log << err.message
    redo
  ensure
    log << :ens
  end
end
p log, $!

# redo with values on the stack (inside an argument list, an array literal)
log = []
k = 0
[1].each do |x|
  k += 1
  log << [x, (k < 2 ? (begin; redo; ensure; log << :ae; end) : k)]
end
p log

# $! after leaving a rescue clause by a jump
[1].each { begin; raise "x"; rescue; next; end }
p $!
while true
  begin
    raise "y"
  rescue
    break
  end
end
p $!
def leave_by_return
  begin
    raise "z"
  rescue
    return $!.message
  end
end
p leave_by_return, $!
begin
  raise "outer"
rescue
  [1].each do
    begin
      raise "inner"
    rescue
      next
    end
  end
  p $!.message
  while true
    begin
      raise "inner2"
    rescue
      p $!.message
      break
    end
  end
  p $!.message
end
p $!
