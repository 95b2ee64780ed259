# Everything after __END__ is ignored by the parser
p :before_end
def f = :defined
p f
__END__
p :after_end_must_not_run
this is not Ruby at all {{{
