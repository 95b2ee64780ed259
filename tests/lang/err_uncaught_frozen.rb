# Uncaught FrozenError from a method on a frozen constant
NAMES = %w[ann bob].freeze
def add_name(n)
  NAMES << n
end
puts NAMES.size
add_name("cy")
