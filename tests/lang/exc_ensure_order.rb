# Order of ensure clauses across frames and with exceptions
$log = []
def level3
  $log << :l3_start
  raise "boom"
ensure
  $log << :l3_ensure
end
def level2
  level3
ensure
  $log << :l2_ensure
end
def level1
  level2
rescue => e
  $log << [:l1_rescue, e.message]
ensure
  $log << :l1_ensure
end
level1
p $log
$log = []
def replace_exc
  raise "original"
ensure
  $log << $!&.message
end
begin
  replace_exc
rescue => e
  $log << e.message
end
p $log
def ensure_raises
  raise "first"
ensure
  raise "second from ensure"
end
begin
  ensure_raises
rescue => e
  p e.message
end
def ensure_return_swallows
  raise "swallowed"
ensure
  return :swallowed_by_return
end
p ensure_return_swallows
$log = []
[1, 2].each do |i|
  begin
    begin
      raise "e#{i}" if i == 2
      $log << "ok#{i}"
    ensure
      $log << "inner#{i}"
    end
  rescue => e
    $log << "rescued #{e.message}"
  ensure
    $log << "outer#{i}"
  end
end
p $log
out = []
catch(:t) do
  begin
    throw :t
  ensure
    out << :ensure_on_throw
  end
end
p out
