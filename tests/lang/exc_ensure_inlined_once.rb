# An ensure body inlined for break/return runs once even when it raises (bootstraptest test_flow)
$a = []
begin
  $a << 1
  while true
    $a << 2
    begin
      $a << 3
      break
    ensure
      $a << 5
      raise
    end
  end
rescue Exception
  $a << 99
end
p $a
def m
  [1, 2].each do |x|
    begin
      begin
        return x
      ensure
        $b << :inner
      end
    ensure
      $b << :outer
    end
  end
end
$b = []
p m, $b
