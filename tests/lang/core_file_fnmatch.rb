# File.fnmatch and the FNM_ flags (found by mruby's module.rb, whose helpers use them)
p File.fnmatch("*.rb", "a.rb"), File.fnmatch("*.rb", "dir/a.rb"), File.fnmatch("*.rb", "a.rbx")
p File.fnmatch("*", ".profile"), File.fnmatch("*", ".profile", File::FNM_DOTMATCH)
p File.fnmatch("*/b", "a/x/b"), File.fnmatch("*/b", "a/x/b", File::FNM_PATHNAME)
p File.fnmatch?("A*", "abc"), File.fnmatch?("A*", "abc", File::FNM_CASEFOLD)
p File.fnmatch("a?c", "abc"), File.fnmatch("[a-c]x", "bx"), File.fnmatch("\\*", "*")
p [File::FNM_NOESCAPE, File::FNM_PATHNAME, File::FNM_DOTMATCH, File::FNM_CASEFOLD, File::FNM_EXTGLOB]
