# Process.clock_gettime returns an increasing Float
t1 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
p t1.class
x = 0
100_000.times { |i| x += i }
t2 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
p t2 >= t1
p (t2 - t1).class
p (t2 - t1) >= 0
p Process::CLOCK_MONOTONIC.is_a?(Integer)
ms = Process.clock_gettime(Process::CLOCK_MONOTONIC, :millisecond)
p ms.class
p Process.clock_gettime(Process::CLOCK_REALTIME).class
p Process.pid.is_a?(Integer)
