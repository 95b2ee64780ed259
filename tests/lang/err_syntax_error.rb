# A syntax error: only the exit status and the first stderr line are compared
puts "this never runs"
def broken(
  1 +
end
