# Uncaught ZeroDivisionError from a core method inside a method
def ratio(a, b) = a / b
puts ratio(10, 2)
puts ratio(1, 0)
