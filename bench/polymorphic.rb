# polymorphic: one call site (shape.area) sees five different receiver
# classes in rotation, plus a second polymorphic message (corners).
# Checked against the areas computed directly from the shape parameters.

class Square
  def initialize(s)
    @s = s
  end

  def area
    @s * @s
  end

  def corners
    4
  end
end

class Rect
  def initialize(w, h)
    @w = w
    @h = h
  end

  def area
    @w * @h
  end

  def corners
    4
  end
end

class Triangle
  def initialize(b, h)
    @b = b
    @h = h
  end

  def area
    @b * @h / 2
  end

  def corners
    3
  end
end

class Circle
  def initialize(r)
    @r = r
  end

  # integer approximation: 3 * r^2
  def area
    3 * @r * @r
  end

  def corners
    0
  end
end

class Hexagon
  def initialize(s)
    @s = s
  end

  # integer approximation: 5 * s^2 / 2
  def area
    5 * @s * @s / 2
  end

  def corners
    6
  end
end

rounds = (ARGV[0] || 500_000).to_i

# 20 shapes, kinds cycle 0..4, sizes 1..7
shapes = []
kinds = []
sizes = []
j = 0
while j < 20
  kind = j % 5
  size = j % 7 + 1
  shape = if kind == 0
            Square.new(size)
          elsif kind == 1
            Rect.new(size, size + 2)
          elsif kind == 2
            Triangle.new(size * 2, size + 1)
          elsif kind == 3
            Circle.new(size)
          else
            Hexagon.new(size)
          end
  shapes << shape
  kinds << kind
  sizes << size
  j += 1
end

def total_area(shapes, rounds)
  area = 0
  corners = 0
  r = 0
  n = shapes.size
  while r < rounds
    i = 0
    while i < n
      s = shapes[i]
      area += s.area        # the polymorphic call site
      corners += s.corners  # a second one
      i += 1
    end
    r += 1
  end
  [area, corners]
end

area, corners = total_area(shapes, rounds)

# independent check: closed-form area of each shape from its parameters
one_area = 0
one_corners = 0
j = 0
while j < 20
  k = kinds[j]
  s = sizes[j]
  if k == 0
    one_area += s * s
    one_corners += 4
  elsif k == 1
    one_area += s * (s + 2)
    one_corners += 4
  elsif k == 2
    one_area += (s * 2) * (s + 1) / 2
    one_corners += 3
  elsif k == 3
    one_area += 3 * s * s
  else
    one_area += 5 * s * s / 2
    one_corners += 6
  end
  j += 1
end

if area != one_area * rounds || corners != one_corners * rounds
  $stderr.puts "FAIL polymorphic: area=#{area} corners=#{corners}, expected #{one_area * rounds} #{one_corners * rounds}"
  exit 1
end
puts "ok polymorphic #{area}"
