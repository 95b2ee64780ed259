# exit! skips ensure and at_exit
at_exit { puts "at_exit must not run" }
begin
  puts "calling exit!"
  $stdout.flush
  exit!(4)
ensure
  puts "ensure must not run"
end
