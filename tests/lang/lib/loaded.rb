# Helper file for kernel_load: top-level code runs on every load
$load_count = ($load_count || 0) + 1
puts "loaded.rb running (#{$load_count})"
def loaded_method = :from_loaded
LOADED_LOCAL = :constant_from_loaded unless defined?(LOADED_LOCAL)
local_in_loaded = 1
