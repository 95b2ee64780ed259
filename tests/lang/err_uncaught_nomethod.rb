# Uncaught NoMethodError on nil, from within a method
def first_name(user) = user[:name].upcase
p first_name({ name: "ann" })
p first_name({})
