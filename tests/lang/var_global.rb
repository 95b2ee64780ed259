# User global variables
$counter = 0
def bump = $counter += 1
bump
bump
p $counter
p $undefined_global
p defined?($counter)
p defined?($never_set)
$g = [1]
$g << 2
p $g
def read_g = $g.size
p read_g
$a, $b = 1, 2
p [$a, $b]
$s ||= "init"
$s ||= "again"
p $s
p global_variables.include?(:$counter)
p "interp #$counter"
