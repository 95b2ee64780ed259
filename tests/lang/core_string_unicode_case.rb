# String case mapping beyond ASCII: full Unicode mappings (one character may become several,
# or change its byte length), title case for capitalize, the :turkic/:fold/:ascii options,
# broken UTF-8, and casecmp? by full case folding
def t
  p yield
rescue => e
  p [e.class, e.message]
end

# Latin-1, Latin Extended, Greek, Cyrillic, Armenian, Georgian, Cherokee, Deseret
t { ["àéîõü ÿ", "ÀÉÎÕÜ Ÿ", "ĀăĆďĘğĲķŁńŒřŠťŽ", "ƀƁƂƐƓǄǅǆǇǈǉȀȺɐɑɫʒ"].map { |s| [s.upcase, s.downcase, s.swapcase] } }
t { ["αβγ ΔΕΖ άέή ΐΰ", "абв ЖЗИ ёђ ЀЍ ѢѣҐґ", "աբգ ԱԲԳ", "ა Ა ꭰ Ꭰ", "𐐨𐐩 𐐀𐐁"].map { |s| [s.upcase, s.downcase, s.swapcase] } }
t { ["ǳabc", "ǆ", "Ǆ", "ǅ", "aÄ", "ﬁx", "ﬃ", "ა", "ŉ", "ΐ", "1ǆ", ""].map(&:capitalize) }
# answers of several characters, and ones shorter or longer in bytes
t { ["ß", "ﬁ", "ﬀ", "ﬆ", "ŉ", "ǰ", "ΐ", "ΰ", "և", "ẖ", "ᾀ", "ᾳ", "ῼ"].map { |s| [s.upcase, s.upcase.length, s.upcase.bytesize] } }
t { ["\u{212a}", "\u{2126}", "\u{212b}", "İ", "\u{1e9e}", "Ɐ"].map { |s| [s.downcase, s.downcase.length, s.downcase.bytesize] } }
t { ["ı", "ſ", "ȿ", "ɐ", "ᲀ", "ꙋ"].map { |s| [s.upcase, s.upcase.bytesize] } }
t { "ǅ ǈ ǋ ǲ".swapcase }
# no final-sigma rule, as CRuby
t { ["ΣΟΦΟΣ".downcase, "σοφος".upcase, "ΌΣΟΣ ΚΑΙ".capitalize] }
# scripts without case
t { ["日本語", "١٢٣", "한국어"].map { |s| [s.upcase, s.upcase!, s.downcase!, s.capitalize!, s.swapcase!] } }
# bang forms: self when something changed, nil otherwise
t { ["ǲ", "ǲabc", "Ǳ", "ა", "Ა"].map { |s| x = s.dup; [x.capitalize!, x] } }
t { s = "straße"; [s.upcase!, s, s.downcase!, s, s.swapcase!, s] }
# an answer longer than the string's own buffer, at every length around the boundary
1.upto(12) { |n| s = "ΐ" * n; u = s.upcase; print u.bytesize, (u == "\u{399}\u{308}\u{301}" * n ? " " : " BAD ") }
puts
t { s = "ﬃ" * 9; s.upcase!; [s, s.bytesize] }
# options
t { "iIİı".upcase(:turkic) }
t { "iIİı".downcase(:turkic) }
t { "iIİı".capitalize(:turkic) }
t { "iIİı".swapcase(:turkic) }
t { ["i".upcase(:turkic), "I".downcase(:turkic, :lithuanian), "i".upcase(:lithuanian)] }
t { ["ßİǅﬁΣ".downcase(:fold), "ſ".downcase(:fold), "ﬁ".downcase!(:fold)] }
t { ["ÄBc".downcase(:ascii), "äbC".upcase(:ascii), "ÄB".capitalize(:ascii), "äB".swapcase(:ascii)] }
t { "ß".upcase(:fold) }
t { "ß".capitalize(:fold) }
t { "ß".downcase(:fold, :turkic) }
t { "ß".downcase(:ascii, :turkic) }
t { "ß".downcase(:turkic, :ascii) }
t { "ß".downcase(:turkic, :turkic) }
t { "ß".downcase(:lithuanian, :turkic) }
t { "ß".downcase(:turkic, :lithuanian, :fold) }
t { "ß".downcase(:nope) }
t { "ß".downcase("ascii") }
t { "ß".freeze.upcase!(:nope) }
t { "ß".freeze.upcase! }
# bytes that spell no character
["\xC3ABC", "abc\x80", "\x80", "ABC\xFF", "\xE3\x81", "ä\xE3"].each do |s|
  %i[upcase downcase capitalize swapcase upcase! downcase! capitalize! swapcase!].each do |m|
    x = s.dup
    t { x.send(m) }
    p x.bytes if m.end_with?("!")
  end
end
t { ["\xC3ABC".downcase(:ascii), "\xC3abc".upcase(:ascii)] }
t { ["\xC3ABC".b.downcase, "\xC3\xA4b".b.upcase, "\xC3ABC".b.swapcase!] }
t { "\xC3ABC".freeze.downcase! }
# Symbols
t { [:ǆ.capitalize, :straße.upcase, :ΣΟΦΟΣ.downcase, :"iI".swapcase(:turkic), :"iIı".swapcase(:turkic), :i.upcase(:turkic)] }
# casecmp? folds fully, casecmp only ASCII
t { ["ß".casecmp?("SS"), "ﬃ".casecmp?("FFI"), "Straße".casecmp?("STRASSE"), "ς".casecmp?("Σ")] }
t { ["İ".casecmp?("i"), "ǅ".casecmp?("ǆ"), "ſ".casecmp?("s"), "ä".casecmp?("Ä"), "ä".casecmp?("a")] }
t { [:ß.casecmp?(:SS), "ß".casecmp("SS"), "ä".casecmp("Ä"), "ä".casecmp?(1)] }
t { "\xff".casecmp?("\xff") }
t { "a\xff".casecmp?("A") }
t { ["\xC3".b.casecmp?("\xc3"), "\xC3".b.casecmp("\xc3"), "é".casecmp?("é".b), "a".b.casecmp?("A")] }
# a sweep over whole blocks: upcase/downcase/swapcase/fold of each block, capitalize of each
# letter followed by itself
[[0x80, 0x2ff], [0x370, 0x58f], [0x10a0, 0x10ff], [0x13a0, 0x13ff], [0x1c80, 0x1cbf],
 [0x1e00, 0x1fff], [0x2100, 0x218f], [0x24b0, 0x24ff], [0x2c00, 0x2d2f], [0xa640, 0xa7ff],
 [0xab70, 0xabbf], [0xfb00, 0xfb1f], [0xff20, 0xff5f], [0x10400, 0x104ff], [0x16e40, 0x16e9f],
 [0x1e900, 0x1e94f]].each do |lo, hi|
  cps = (lo..hi).to_a
  s = cps.map { |c| c.chr(Encoding::UTF_8) }.join
  r = [s.upcase, s.downcase, s.swapcase, s.downcase(:fold)]
  caps = cps.map { |c| (c.chr(Encoding::UTF_8) * 2).capitalize }.join
  changed = cps.count { |c| ch = c.chr(Encoding::UTF_8); ch.upcase != ch || ch.downcase != ch }
  puts "#{lo.to_s(16)}-#{hi.to_s(16)} #{changed} " + (r + [caps]).map { |x| "#{x.length}/#{x.bytesize}/#{x.sum(32)}" }.join(" ")
end
