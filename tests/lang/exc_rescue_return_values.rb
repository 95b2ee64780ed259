# Values of begin/rescue/else/ensure expressions and methods
def v1 = begin; 1; rescue; 2; end
def v2 = begin; raise "x"; rescue; 2; end
def v3 = begin; 1; rescue; 2; else; 3; end
def v4 = begin; 1; ensure; 4; end
def v5
  raise "x"
rescue
end
def v6
  begin
    raise "x"
  rescue => e
    e
  end.message
end
p v1, v2, v3, v4, v5, v6
a = (Integer("q") rescue nil)
p a
b = [1, 2].map { |x| x.fdiv(0) rescue :err }
p b
c = begin
  raise "m"
rescue RuntimeError => err
  err.class
else
  :no_error
end
p c
def rescue_return
  return :from_body if false
  raise "x"
rescue
  return :from_rescue
ensure
  puts "ensure sees the return"
end
p rescue_return
def loop_rescue
  (1..3).map do |i|
    raise "e#{i}" if i.odd?
    i
  rescue => e
    e.message
  end
end
p loop_rescue
