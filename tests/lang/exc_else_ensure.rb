# else and ensure: which runs when, and values
def run(fail)
  log = []
  v = begin
    log << :body
    raise "x" if fail
    :body_value
  rescue
    log << :rescue
    :rescue_value
  else
    log << :else
    :else_value
  ensure
    log << :ensure
    :ensure_value_ignored
  end
  [v, log]
end
p run(false)
p run(true)
def ensure_only
  yield
ensure
  puts "ensure_only ran"
end
ensure_only { puts "block" }
begin
  ensure_only { raise "escaping" }
rescue => e
  p e.message
end
def nested
  begin
    begin
      raise "deep"
    ensure
      puts "inner ensure"
    end
  ensure
    puts "outer ensure"
  end
rescue => e
  "caught #{e.message}"
end
p nested
def ensure_changes_nothing
  x = 1
  x
ensure
  x = 2
end
p ensure_changes_nothing
def ensure_in_loop
  out = []
  3.times do |i|
    begin
      next if i == 1
      out << i
    ensure
      out << "e#{i}"
    end
  end
  out
end
p ensure_in_loop
def ensure_break
  r = [1, 2].each do |i|
    begin
      break :broken
    ensure
      puts "ensure before break"
    end
  end
  r
end
p ensure_break
i = 0
while i < 2
  begin
    i += 1
    redo_never = false
  ensure
    puts "while ensure #{i}"
  end
end
x = begin; 10; ensure; 20; end
p x
def else_raise
  begin
    1
  rescue
    :no
  else
    raise "from else"
  ensure
    puts "ensure after else raise"
  end
rescue => e
  e.message
end
p else_raise
