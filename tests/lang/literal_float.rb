# Float literals and their printed forms
p 1.0
p 1.5
p -2.25
p 1e3
p 1E3
p 1.5e-3
p 2e+2
p 1_000.5
p 0.1
p 3.14159
p 1.0.class
p 100.0
p 1e20
p 1e16
p 1e15
p 123456789012345.0
p 1234567890123456.0
p 12345678901234567.0
p 1.0e-5
p 0.0001
p 0.001
p 2.5e-10
p 1.0 / 3
p 2.0 / 3
p 0.1 + 0.2
p 1.1 * 1.1
p 5e-324
p 1.7976931348623157e308
p -0.0
p 0.0 == -0.0
puts 1.0
puts 1e20
puts 1.25e-7
puts 3.0 * 1.1
