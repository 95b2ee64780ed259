# A tiny stack-machine interpreter with labels and jumps
class StackMachine
  class Error < StandardError; end
  def initialize(src)
    @prog = []
    @labels = {}
    src.each_line do |line|
      line = line.sub(/#.*/, "").strip
      next if line.empty?
      if line.end_with?(":")
        @labels[line.chomp(":")] = @prog.size
      else
        op, arg = line.split(" ", 2)
        @prog << [op.to_sym, arg]
      end
    end
  end
  def run
    stack = []
    regs = {}
    out = []
    pc = 0
    steps = 0
    while pc < @prog.size
      steps += 1
      raise Error, "too many steps" if steps > 10_000
      op, arg = @prog[pc]
      pc += 1
      case op
      when :push then stack.push(Integer(arg))
      when :pop then stack.pop
      when :dup then stack.push(stack.last)
      when :swap then stack[-2], stack[-1] = stack[-1], stack[-2]
      when :add, :sub, :mul, :div, :mod
        b, a = stack.pop, stack.pop
        raise Error, "stack underflow at #{pc - 1}" if a.nil? || b.nil?
        stack.push(a.send({ add: :+, sub: :-, mul: :*, div: :/, mod: :% }[op], b))
      when :store then regs[arg] = stack.pop
      when :load then stack.push(regs.fetch(arg))
      when :print then out << stack.last
      when :jz then pc = @labels.fetch(arg) if stack.pop == 0
      when :jmp then pc = @labels.fetch(arg)
      when :halt then break
      else raise Error, "unknown op #{op}"
      end
    end
    [stack, out]
  end
end
factorial = <<~ASM
  push 1
  store acc   # acc = 1
  push 10
  store n     # n = 10
  loop:
  load n
  jz end
  load acc
  load n
  mul
  store acc   # acc *= n
  load n
  push 1
  sub
  store n     # n -= 1
  jmp loop
  end:
  load acc
  print
  halt
ASM
p StackMachine.new(factorial).run
countdown = <<~ASM
  push 5
  top:
  print
  push 1
  sub
  dup
  jz out
  jmp top
  out:
ASM
p StackMachine.new(countdown).run
p StackMachine.new("push 7\npush 3\nmod\nprint\npush 2\nmul\nprint").run
begin
  StackMachine.new("push 1\nadd").run
rescue StackMachine::Error => e
  puts "error: #{e.message}"
end
begin
  StackMachine.new("frob").run
rescue StackMachine::Error => e
  puts "error: #{e.message}"
end
begin
  StackMachine.new("l:\njmp l").run
rescue StackMachine::Error => e
  puts "error: #{e.message}"
end
begin
  StackMachine.new("push x").run
rescue ArgumentError => e
  puts "error: #{e.message}"
end
