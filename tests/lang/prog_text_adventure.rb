# A tiny state machine: rooms, commands, inventory (scripted input)
class Game
  ROOMS = {
    hall: { desc: "a long hall", exits: { north: :library, east: :kitchen }, items: [:lamp] },
    library: { desc: "dusty books", exits: { south: :hall }, items: [:key, :book] },
    kitchen: { desc: "smells of bread", exits: { west: :hall }, items: [] },
  }.freeze
  attr_reader :log
  def initialize
    @room = :hall
    @inv = []
    @items = ROOMS.transform_values { |r| r[:items].dup }
    @log = []
  end
  def run(cmds) = (cmds.each { |c| step(c) }; self)
  private
  def say(s) = @log << s
  def step(cmd)
    verb, obj = cmd.split
    case verb
    when "look" then say("#{@room}: #{ROOMS[@room][:desc]}; items: #{@items[@room].join(',')}")
    when "go"
      dest = ROOMS[@room][:exits][obj&.to_sym]
      dest ? (@room = dest; say("you go #{obj}")) : say("cannot go #{obj}")
    when "take"
      it = obj.to_sym
      if @items[@room].delete(it) then @inv << it; say("taken #{it}")
      else say("no #{it} here")
      end
    when "inv" then say("carrying #{@inv.empty? ? 'nothing' : @inv.sort.join(', ')}")
    else say("unknown command #{cmd.inspect}")
    end
  end
end
g = Game.new.run(["look", "take lamp", "go north", "look", "take key", "take sword",
                  "go west", "go south", "go east", "look", "inv", "dance"])
puts g.log
