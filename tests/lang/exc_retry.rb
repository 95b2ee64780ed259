# retry re-runs the begin block
attempts = 0
begin
  attempts += 1
  raise ArgumentError, "try #{attempts}" if attempts < 3
  puts "succeeded after #{attempts}"
rescue ArgumentError => e
  puts "rescued #{e.message}"
  retry
end
def fetch_with_retry(data)
  tries = 0
  begin
    tries += 1
    data.fetch(tries)
  rescue IndexError
    retry if tries < 5
    :gave_up
  end
end
p fetch_with_retry([0, 0, 0, :third])
p fetch_with_retry([])
n = 0
r = begin
  n += 1
  n < 4 ? raise("again") : n * 10
rescue
  retry
ensure
  puts "ensure runs once per attempt? n=#{n}"
end
p r
def method_level_retry
  @t = (@t || 0) + 1
  raise "m" if @t < 2
  @t
rescue
  retry
end
p method_level_retry
