# def ... rescue ... else ... ensure ... end and do-block rescue
def parse(s)
  Integer(s)
rescue ArgumentError => e
  puts "bad input: #{e.message}"
  0
else
  puts "parsed ok"
  :else_result
ensure
  puts "done #{s}"
end
p parse("42")
p parse("x")
class Calc
  def div(a, b)
    a / b
  rescue ZeroDivisionError
    :infinite
  end
  def self.safe = raise("class-level")
rescue => e
  p [:class_body_rescue, e.message] rescue nil
end
p Calc.new.div(6, 3)
p Calc.new.div(1, 0)
r = [1, 0].map do |d|
  10 / d
rescue ZeroDivisionError
  :div0
end
p r
l = lambda do
  raise "in lambda"
rescue => e
  "lambda rescued #{e.message}"
end
p l.call
pr = proc do
  raise "in proc"
rescue
  :proc_rescued
ensure
  puts "proc ensure"
end
p pr.call
def m_ensure_only
  :v
ensure
  puts "m ensure"
end
p m_ensure_only
e_def = def with_else
  :body
rescue
  :r
else
  :else_wins
end
p with_else
