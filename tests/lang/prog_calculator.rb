# A recursive-descent expression parser and evaluator
class Calc
  class ParseError < StandardError; end
  TOKEN = /\s*(?:(\d+\.?\d*)|(.))/
  def initialize(src)
    @toks = src.scan(TOKEN).map { |num, op| num ? (num.include?(".") ? num.to_f : num.to_i) : op }
    @pos = 0
  end
  def self.eval(src) = new(src).parse
  def parse
    v = expr
    raise ParseError, "unexpected #{peek.inspect}" if peek
    v
  end
  private
  def peek = @toks[@pos]
  def take = (@pos += 1; @toks[@pos - 1])
  def expr
    v = term
    while %w[+ -].include?(peek)
      v = take == "+" ? v + term : v - term
    end
    v
  end
  def term
    v = factor
    while %w[* / %].include?(peek)
      op = take
      r = factor
      v = case op when "*" then v * r when "/" then v / r else v % r end
    end
    v
  end
  def factor
    b = unary
    peek == "^" ? (take; b**factor) : b
  end
  def unary = peek == "-" ? (take; -unary) : atom
  def atom
    t = take
    case t
    when Numeric then t
    when "("
      v = expr
      raise ParseError, "expected )" unless take == ")"
      v
    else raise ParseError, "unexpected #{t.inspect}"
    end
  end
end
["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "10 / 4", "10.0 / 4", "7 % 3 + -1",
 "2 * (3 + (4 - 1)) / 3", "1.5 * 4", "2 ^ 100"].each { |e| puts "#{e} = #{Calc.eval(e)}" }
["1 +", "(1 + 2", "1 2", "* 3", "4 / 0"].each do |e|
  Calc.eval(e)
rescue Calc::ParseError, ZeroDivisionError => err
  puts "#{e.inspect}: #{err.class.name.split('::').last}: #{err.message}"
end
