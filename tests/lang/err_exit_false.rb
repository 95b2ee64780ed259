# exit(false) gives status 1; SystemExit can be rescued and inspected
begin
  exit 7
rescue SystemExit => e
  p e.status
  p e.success?
  p e.class.superclass
end
begin
  exit
rescue SystemExit => e
  p e.status
  p e.success?
end
puts "now exit(false)"
exit(false)
