# Comments: line comments, =begin/=end blocks, comments in odd places
p 1 # trailing comment
=begin
p :inside_block_comment
this is not code
=end
p 2
x = [1, # first
     2, # second
     3] # third
p x
h = { a: 1, # comment in hash
      b: 2 }
p h
def m # comment after def
  :m # comment in body
end # comment after end
p m
s = "# not a comment"
p s
t = '#{not interp} # nor comment'
p t
p "a#b"
# p :commented_out
y = 1 +
  # comment on its own line in an expression
  2
p y
p __LINE__
