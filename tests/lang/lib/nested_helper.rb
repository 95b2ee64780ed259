# Requires its sibling relative to its own location
require_relative "helper"
module Nested
  def self.call = Helper.greet("nested")
end
