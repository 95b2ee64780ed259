# format/sprintf with Rationals: %f prints exact digits (rounded half away from zero); other
# conversions go through Float or Integer
r = Rational(1, 3)
p "%.2f" % 0.125r, "%.2f" % 0.125, "%.20f" % r, "%f" % r, "%.0f" % (1/2r), "%.0f" % (3/2r)
p "%10.3f|" % (-2/3r), "%-10.2f|" % (1/8r), "%+.1f" % (1/4r), "%.1f" % (-1/100r), "%#.0f" % (1/2r)
p "%.0f" % (-1/2r), "%5.1f|" % (-1/20r), "%010.2f" % (-1/3r), "%-+8.2f|" % r, "%.2f" % (-1/8r)
p "%f" % 0r, "%.3f" % 5r, "% 010.1f" % r, "%*.*f" % [8, 2, r], "%.3f" % (1/1000r), "%.2f" % (1/1000r)
p "%.2f" % (999/1000r), "%.5f" % (-123456789/1000r), "%.2f" % (10**30/3r), "%.1f" % (2**70/3r)
p "%.3e" % r, "%g" % r, "%s" % r, "%p" % [r], "%d" % (7/2r), "%x" % (31/2r), "%08.3f" % (-1/3r)
p format("%.2f %s %d", 2/3r, 1+2i, -7/2r), "%s|%p" % [Complex(1, 2), 2i]
