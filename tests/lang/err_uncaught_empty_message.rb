# Uncaught exception whose message is empty, and one raised from rescue
begin
  raise "original"
rescue => e
  raise IOError, ""
end
