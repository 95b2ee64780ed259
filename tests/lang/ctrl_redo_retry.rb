# redo in a block and a while loop
tries = 0
out = []
[1, 2, 3].each do |x|
  tries += 1
  if x == 2 && tries < 4
    redo
  end
  out << [x, tries]
end
p out
n = 0
count = 0
while n < 2
  count += 1
  n += 1
  redo if count == 1
end
p [n, count]
attempts = 0
begin
  attempts += 1
  raise "fail" if attempts < 3
  p [:ok_after, attempts]
rescue
  retry
end
def flaky(log)
  @calls = (@calls || 0) + 1
  log << @calls
  raise ArgumentError if @calls < 2
  :fine
end
log = []
begin
  r = flaky(log)
rescue ArgumentError
  retry
end
p r, log
