# nil, true and false
p nil.to_a, nil.to_s, nil.to_i, nil.to_f, nil.to_h
p nil.inspect
p nil.nil?, 1.nil?
p nil & true, nil | true, nil ^ nil
p true & 1, true | nil, true ^ true, true.to_s
p false & true, false | 1, false ^ true, false.to_s
p NilClass, TrueClass, FalseClass
p nil.class, true.class, false.class
p !nil, !false, !true, !0
p nil == false, nil.equal?(nil)
p [nil, false].map(&:!)
p nil.to_a.empty?
p true.inspect, false.inspect
p true == true, true != false
p (true && "yes"), (false || "fallback")
p nil.frozen?, true.frozen?
p "#{nil}|#{true}|#{false}"
p [true, false].map(&:to_s)
p nil.then { |x| x.nil? }
p defined?(nil), defined?(true)
p true.is_a?(TrueClass), nil.instance_of?(NilClass)
p true.hash == true.hash
p [nil, 1, nil].compact
p nil.dup, true.clone
h = { nil => "nil key", false => "false key" }
p h[nil], h[false]
