# File.exist?, dirname, basename, join, extname, expand_path facts
p File.exist?("kernel_file.rb")
p File.exist?("no_such_file.rb")
p File.exist?("lib")
p File.exist?("lib/helper.rb")
p File.file?("lib"), File.directory?("lib")
p File.dirname("/a/b/c.rb")
p File.dirname("c.rb")
p File.dirname("/a/b/")
p File.dirname("/")
p File.basename("/a/b/c.rb")
p File.basename("/a/b/c.rb", ".rb")
p File.basename("/a/b/c.rb", ".*")
p File.basename("/a/b/")
p File.extname("x/y.tar.gz"), File.extname("noext")
p File.join("a", "b", "c.rb")
p File.join("a/", "/b")
p File.join("", "x")
p File.join
p File.split("/a/b/c")
p File.basename(__FILE__)
p File.expand_path("x", "/base")
p File.expand_path("../y", "/base/sub")
p File.absolute_path?("/x") rescue p :skip
p File.read("lib/raises.rb").lines.first
p File.readlines("lib/raises.rb").size
p File::SEPARATOR
p File.extname(__FILE__)
p File.exist?(File.join(__dir__, "lib"))
