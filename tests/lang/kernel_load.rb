# load: runs the file every time; locals do not leak
p load("lib/loaded.rb")
p load("./lib/loaded.rb")
p $load_count
p loaded_method
p LOADED_LOCAL
p defined?(local_in_loaded)
begin
  load "lib/missing_file.rb"
rescue LoadError => e
  p e.class
  puts e.message
end
x = 5
p load("lib/loaded.rb")
p x
