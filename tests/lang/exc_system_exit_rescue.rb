# exit raises SystemExit: rescue Exception catches it, rescue => e does not
begin
  exit 2
rescue => e
  p :not_standard_error
rescue SystemExit => e
  p [:caught_exit, e.status]
end
begin
  exit(true)
rescue Exception => e
  p [e.class, e.status, e.success?]
end
begin
  abort
rescue SystemExit => e
  p [:abort, e.status]
end
def cleanup
  yield
ensure
  puts "cleanup ran"
end
begin
  cleanup { exit 5 }
rescue SystemExit => e
  p e.status
end
begin
  raise SystemExit
rescue SystemExit => e
  p e.status, e.message
end
p SystemExit.new(3, "bye").status
puts "still running"
