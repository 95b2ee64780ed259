# Procs and lambdas stored in hashes and arrays (dispatch tables)
OPS = {
  "+" => ->(a, b) { a + b },
  "-" => ->(a, b) { a - b },
  "*" => proc { |a, b| a * b },
  "/" => :/.to_proc,
  "max" => ->(a, b) { [a, b].max },
}
def rpn(expr)
  expr.split.each_with_object([]) do |tok, st|
    if OPS.key?(tok)
      b, a = st.pop, st.pop
      st.push(OPS[tok].call(a, b))
    else
      st.push(Integer(tok))
    end
  end.last
end
p rpn("3 4 + 2 *")
p rpn("10 2 / 3 -")
p rpn("2 9 max 3 *")
handlers = Hash.new(->(x) { "unknown #{x}" })
handlers[:greet] = ->(x) { "hello #{x}" }
p handlers[:greet].call("a"), handlers[:nope].call("b")
pipeline = [:strip, :downcase, ->(s) { s.tr(" ", "_") }, proc { |s| s + "!" }]
p pipeline.inject("  Hello World ") { |acc, f| f.is_a?(Symbol) ? acc.send(f) : f.call(acc) }
counters = Hash.new { |h, k| c = 0; h[k] = -> { c += 1 } }
counters[:a].call
counters[:a].call
counters[:b].call
p counters[:a].call, counters[:b].call
compose = [->(x) { x + 1 }, ->(x) { x * 2 }].reduce(:>>)
p compose.call(5)
