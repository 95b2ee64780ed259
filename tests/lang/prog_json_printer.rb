# A JSON-ish pretty printer written in Ruby
module JsonPrinter
  module_function
  def dump(obj, indent = 0)
    pad = "  " * indent
    inner = "  " * (indent + 1)
    case obj
    when Hash
      return "{}" if obj.empty?
      items = obj.map { |k, v| "#{inner}#{dump(k.to_s)}: #{dump(v, indent + 1)}" }
      "{\n#{items.join(",\n")}\n#{pad}}"
    when Array
      return "[]" if obj.empty?
      items = obj.map { |v| inner + dump(v, indent + 1) }
      "[\n#{items.join(",\n")}\n#{pad}]"
    when String
      '"' + obj.gsub("\\") { "\\\\" }.gsub('"') { '\\"' }.gsub("\n", "\\n") + '"'
    when Symbol then dump(obj.to_s)
    when nil then "null"
    when true, false, Integer then obj.to_s
    when Float then obj.finite? ? obj.to_s : "null"
    else dump(obj.to_s)
    end
  end
end
data = {
  name: "kiln",
  version: 1.0,
  tags: ["vm", "ruby", :jit],
  nested: { empty_hash: {}, empty_list: [], deep: [[1, 2], { x: nil }] },
  flags: [true, false, nil],
  quote: "she said \"hi\"\nnext line",
  big: 2**70,
  inf: 1.0 / 0,
}
puts JsonPrinter.dump(data)
puts JsonPrinter.dump([])
puts JsonPrinter.dump("plain")
puts JsonPrinter.dump([1, [2, [3, [4]]]])
