# ensure together with break, next, return, throw and retry
log = []
[1, 2, 3].each do |i|
  begin
    next if i == 1
    break if i == 3
    log << i
  ensure
    log << "ensure #{i}"
  end
end
p log
def ret_from_loop
  out = []
  loop do
    begin
      return out << :returned
    ensure
      out << :ensure
    end
  end
end
p ret_from_loop
r = catch(:done) do
  begin
    begin
      throw :done, :thrown
    ensure
      puts "inner ensure"
    end
  ensure
    puts "outer ensure"
  end
end
p r
tries = 0
ensures = 0
begin
  begin
    tries += 1
    raise "x" if tries < 3
  ensure
    ensures += 1
  end
rescue
  retry
end
p [tries, ensures]
i = 0
while i < 3
  begin
    i += 1
    next if i == 2
  ensure
    print "e#{i} "
  end
end
puts
def nested_ensure_return
  begin
    return :inner
  ensure
    puts "first ensure"
  end
ensure
  puts "second ensure"
end
p nested_ensure_return
