# Arithmetic operators on Integer and Float
p 7 + 3
p 7 - 10
p 6 * 7
p 7 / 2
p -7 / 2
p 7 / -2
p -7 / -2
p 7 % 3
p -7 % 3
p 7 % -3
p -7 % -3
p 7.remainder(-3)
p -7.remainder(3)
p 7.divmod(2)
p -7.divmod(2)
p 7.divmod(-2)
p 7.0 / 2
p 7 / 2.0
p -7.0 / 2
p 7.5 % 2
p -7.5 % 2
p 2 ** 10
p 2 ** 0
p 0 ** 0
p 2.0 ** 3
p 7.0.floor
p -7.5.floor
p -7.5.ceil
p -7.5.round
p 7.5.round
p 6.5.round
p 2.675.round(2)
p 1 + 2.0
p (1 + 2.0).class
p 10.0.divmod(3)
p 13.div(4)
p -13.div(4)
p 13.modulo(-4)
p 13.pow(2, 5)
p Integer.sqrt(17)
p 3.14.truncate
p -3.99.to_i
