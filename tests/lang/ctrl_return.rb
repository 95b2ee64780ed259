# return with values
def none = return
def one = (return 1)
def many
  return 1, 2, 3
end
def splat
  a = [4, 5]
  return *a, 6
end
def early(x)
  return :neg if x < 0
  return :zero if x.zero?
  :pos
end
def in_loop
  i = 0
  while true
    i += 1
    return i if i == 4
  end
end
def in_block
  [1, 2, 3].each { |x| return x * 100 if x == 2 }
  :unreachable
end
def ret_ensure
  return :from_body
ensure
  puts "ensure runs"
end
def ret_in_ensure
  begin
    return :body
  ensure
    return :ensure_wins
  end
end
def arr_ret = return [1, 2]
def hash_ret = (return { a: 1 })
p none
p one
p many
p splat
p [-1, 0, 1].map { |x| early(x) }
p in_loop
p in_block
p ret_ensure
p ret_in_ensure
p arr_ret
p hash_ret
def implicit
  x = 5
  x * 2
end
p implicit
def last_if(c) = if c then :yes end
p last_if(false)
