# catch / throw
r = catch(:done) do
  10.times do |i|
    10.times do |j|
      throw :done, [i, j] if i * j == 6
    end
  end
  :never
end
p r
p catch(:x) { 42 }
p catch(:x) { throw :x }
p catch(:x) { throw :x, nil }
def deep(n)
  throw :out, n if n == 0
  deep(n - 1)
end
p catch(:out) { deep(5); :no }
o = catch do |tag|
  throw tag, "anonymous tag"
end
p o
p catch(:a) { catch(:b) { throw :a, 1 }; 2 }
p catch(:a) { catch(:b) { throw :b, 1 }; 2 }
begin
  throw :nobody
rescue UncaughtThrowError => e
  p e.class
  puts e.message
  p e.tag
end
res = catch(:x) do
  begin
    throw :x, :thrown
  ensure
    puts "ensure ran"
  end
end
p res
p catch("str") { throw "str", :string_tag } rescue p $!.class
p UncaughtThrowError.superclass
