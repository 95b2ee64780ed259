/* string.c -- String and Symbol: the kn_str_* API of vm.h (allocation, appending, the
 * printf used for every VM message, inspect) and the methods of classes String and Symbol
 * with CRuby 3.1 results and errors. Strings are mutable byte buffers (object.h layout),
 * UTF-8 unless FL_STR_BINARY; character-indexed methods decode UTF-8, counting each byte of
 * an invalid sequence as one character. The Regexp-taking methods live in regexp.c. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "../vm/vm.h"
#include "numeric.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED (void)vm; (void)self; (void)argc; (void)argv; (void)blk

/* provided by src/vm/proc.c (lead) */
extern VALUE kn_sym_to_proc(VM *vm, VALUE sym);

#define EMBED_CAPA (KN_STR_EMBED - 1)  /* bytes usable in the embed buffer (NUL excluded) */
#define STR_MAX (LONG_MAX / 4)

/* Keeps v visibly alive up to this point: the conservative GC only sees VALUEs, and the
 * compiler may drop the last one while a pointer into its buffer is still in use. */
static inline void keep_alive(VALUE v) { __asm__ volatile("" : : "r"(v) : "memory"); }

static inline long LEN(VALUE s) { return RSTRING(s)->len; }
static inline char *PTR(VALUE s) { return RSTRING(s)->ptr; }
static inline bool is_str(VALUE v) { return kn_is_type(v, T_STRING); }
static inline bool is_binary(VALUE s) { return (RBASIC(s)->flags & FL_STR_BINARY) != 0; }

/* ---- coderange cache ---------------------------------------------------------------------
 * RBasic.aux of a String caches what its bytes are: bits 0-1 the range (CR_*), bits 2-31
 * the length it was computed for. Every mutation here resets it; a stale entry whose length
 * no longer matches (bytes written by code outside this file) is simply recomputed. */
enum { CR_UNKNOWN = 0, CR_7BIT = 1, CR_VALID = 2, CR_BROKEN = 3 };

static inline void cr_clear(VALUE s) { RBASIC(s)->aux = 0; }
static inline void cr_set(VALUE s, int cr) {
  long n = LEN(s);
  RBASIC(s)->aux = n < (1L << 30) ? (uint32_t)cr | ((uint32_t)n << 2) : 0;
}
static inline int cr_cached(VALUE s) {
  uint32_t a = RBASIC(s)->aux;
  return ((a & 3) && (a >> 2) == (uint32_t)(LEN(s) & 0x3fffffff)) ? (int)(a & 3) : CR_UNKNOWN;
}

/* Length of the UTF-8 character at p (p < e): 1..4, or 1 for a byte that does not start a
 * valid, complete, shortest-form sequence. */
static inline int utf8_len(const unsigned char *p, const unsigned char *e) {
  unsigned c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xc2) return 1;
  if (c < 0xe0) return (e - p >= 2 && (p[1] & 0xc0) == 0x80) ? 2 : 1;
  if (c < 0xf0) {
    if (e - p < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80) return 1;
    if (c == 0xe0 && p[1] < 0xa0) return 1;
    if (c == 0xed && p[1] >= 0xa0) return 1;  /* surrogates */
    return 3;
  }
  if (c < 0xf5) {
    if (e - p < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80) return 1;
    if (c == 0xf0 && p[1] < 0x90) return 1;
    if (c == 0xf4 && p[1] >= 0x90) return 1;
    return 4;
  }
  return 1;
}

/* Codepoint of the valid sequence of length n at p. */
static inline unsigned utf8_decode(const unsigned char *p, int n) {
  switch (n) {
  case 1: return p[0];
  case 2: return ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
  case 3: return ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
  default: return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3fu) << 12) | ((p[2] & 0x3fu) << 6) | (p[3] & 0x3fu);
  }
}

/* Writes codepoint c (<= 0x10ffff) as UTF-8 into buf; returns the byte count. */
static int utf8_encode(unsigned c, char *buf) {
  if (c < 0x80) { buf[0] = (char)c; return 1; }
  if (c < 0x800) { buf[0] = (char)(0xc0 | (c >> 6)); buf[1] = (char)(0x80 | (c & 0x3f)); return 2; }
  if (c < 0x10000) {
    buf[0] = (char)(0xe0 | (c >> 12)); buf[1] = (char)(0x80 | ((c >> 6) & 0x3f));
    buf[2] = (char)(0x80 | (c & 0x3f));
    return 3;
  }
  buf[0] = (char)(0xf0 | (c >> 18)); buf[1] = (char)(0x80 | ((c >> 12) & 0x3f));
  buf[2] = (char)(0x80 | ((c >> 6) & 0x3f)); buf[3] = (char)(0x80 | (c & 0x3f));
  return 4;
}

/* Index of the first byte >= 0x80 in p[0..n), or n. */
static long ascii_prefix(const char *p, long n) {
  long i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ULL) break;
  }
  for (; i < n; i++)
    if ((unsigned char)p[i] >= 0x80) return i;
  return n;
}

static int scan_cr(const char *p, long n) {
  long i = ascii_prefix(p, n);
  if (i == n) return CR_7BIT;
  const unsigned char *u = (const unsigned char *)p, *e = u + n;
  for (const unsigned char *q = u + i; q < e;) {
    if (*q < 0x80) { q++; continue; }
    int l = utf8_len(q, e);
    if (l == 1) return CR_BROKEN;
    q += l;
  }
  return CR_VALID;
}

/* The coderange of s (computed and cached when unknown). Binary strings report 7BIT or
 * VALID (a byte is a character). */
static int str_cr(VALUE s) {
  int cr = cr_cached(s);
  if (cr != CR_UNKNOWN) return cr;
  cr = scan_cr(PTR(s), LEN(s));
  cr_set(s, cr);
  return cr;
}

static inline bool is_7bit(VALUE s) { return str_cr(s) == CR_7BIT; }

/* True when character index == byte index. */
static inline bool single_byte(VALUE s) { return is_binary(s) || str_cr(s) == CR_7BIT; }

/* Length in bytes of the character at p, honouring the string's encoding. */
static inline int char_len_at(VALUE s, const char *p, const char *e) {
  if (is_binary(s) || (unsigned char)*p < 0x80) return 1;
  return utf8_len((const unsigned char *)p, (const unsigned char *)e);
}

static long count_chars(const char *p, long n, bool valid) {
  long i = ascii_prefix(p, n), count = i;
  if (valid) {  /* every non-continuation byte starts a character */
    for (; i < n; i++) count += ((unsigned char)p[i] & 0xc0) != 0x80;
    return count;
  }
  const unsigned char *u = (const unsigned char *)p, *e = u + n;
  for (const unsigned char *q = u + i; q < e; count++) q += utf8_len(q, e);
  return count;
}

static long str_clen(VALUE s) {
  if (is_binary(s)) return LEN(s);
  int cr = str_cr(s);
  if (cr == CR_7BIT) return LEN(s);
  return count_chars(PTR(s), LEN(s), cr == CR_VALID);
}

/* Byte offset of character index ci (0 <= ci), or -1 when the string has fewer than ci
 * characters (ci == length gives LEN). */
static long char_to_byte(VALUE s, long ci) {
  if (single_byte(s)) return ci <= LEN(s) ? ci : -1;
  const unsigned char *p = (const unsigned char *)PTR(s), *e = p + LEN(s), *q = p;
  while (ci > 0 && q < e) {
    q += *q < 0x80 ? 1 : utf8_len(q, e);
    ci--;
  }
  return ci == 0 ? (long)(q - p) : -1;
}

/* Character index of byte offset b (b at a character boundary). */
static long byte_to_char(VALUE s, long b) {
  if (single_byte(s)) return b;
  return count_chars(PTR(s), b, str_cr(s) == CR_VALID);
}

/* Byte offset and byte length of the character range [ci, ci+cn) clipped to the string;
 * returns false when ci is past the end. */
static bool char_range(VALUE s, long ci, long cn, long *bo, long *bl) {
  if (single_byte(s)) {
    if (ci > LEN(s)) return false;
    *bo = ci;
    *bl = cn > LEN(s) - ci ? LEN(s) - ci : cn;
    return true;
  }
  long b = char_to_byte(s, ci);
  if (b < 0) return false;
  const unsigned char *p = (const unsigned char *)PTR(s), *e = p + LEN(s), *q = p + b;
  while (cn > 0 && q < e) {
    q += *q < 0x80 ? 1 : utf8_len(q, e);
    cn--;
  }
  *bo = b;
  *bl = (long)(q - p) - b;
  return true;
}

/* ---- storage ----------------------------------------------------------------------------- */

static VALUE str_alloc(VM *vm, VALUE klass, long capa) {
  if (capa < 0 || capa > STR_MAX) kn_raise(vm, vm->eArgumentError, "string size too big");
  VALUE s = kn_obj_alloc(vm, T_STRING, klass);
  RString *r = RSTRING(s);
  if (capa <= EMBED_CAPA) {
    r->ptr = r->embed;
    r->capa = EMBED_CAPA;
  } else {
    r->ptr = kn_xmalloc((size_t)capa + 1);
    r->capa = capa;
  }
  r->ptr[0] = 0;
  return s;
}

/* Ensures capa >= need, growing geometrically (amortised O(1) appends). Never allocates a
 * Ruby object, so pointers to other strings stay valid across it. */
static void str_reserve(VM *vm, VALUE s, long need) {
  RString *r = RSTRING(s);
  if (!r->ptr) { r->ptr = r->embed; r->capa = EMBED_CAPA; r->len = 0; r->embed[0] = 0; }
  if (need <= r->capa) return;
  if (need > STR_MAX) kn_raise(vm, vm->eArgumentError, "string size too big");
  long nc = r->capa * 2;
  if (nc < need) nc = need;
  if (nc < 32) nc = 32;
  if (r->ptr == r->embed) {
    char *p = kn_xmalloc((size_t)nc + 1);
    memcpy(p, r->ptr, (size_t)r->len + 1);
    r->ptr = p;
  } else {
    r->ptr = kn_xrealloc(r->ptr, (size_t)nc + 1);
  }
  r->capa = nc;
}

static inline void set_len(VALUE s, long n) {
  RSTRING(s)->len = n;
  RSTRING(s)->ptr[n] = 0;
}

/* Every mutating method starts with this: FrozenError, and the coderange cache reset. */
static inline void modify(VM *vm, VALUE s) {
  if (RBASIC(s)->flags & FL_FROZEN) kn_frozen_error(vm, s);
  cr_clear(s);
}

/* Replaces bytes [bo, bo+bl) of s with p[0..n) (p must not point into s). */
static void splice(VM *vm, VALUE s, long bo, long bl, const char *p, long n) {
  long len = LEN(s);
  long nlen = len - bl + n;
  str_reserve(vm, s, nlen);
  char *d = PTR(s);
  memmove(d + bo + n, d + bo + bl, (size_t)(len - bo - bl));
  if (n) memcpy(d + bo, p, (size_t)n);
  set_len(s, nlen);
  cr_clear(s);
}

static VALUE str_new_klass(VM *vm, VALUE klass, const char *p, long n) {
  VALUE s = str_alloc(vm, klass, n);
  if (n > 0 && p) memcpy(PTR(s), p, (size_t)n);
  set_len(s, n);
  return s;
}

/* A new String with the bytes p[0..n) and the encoding of `like`. */
static VALUE str_new_like(VM *vm, VALUE like, const char *p, long n) {
  VALUE s = str_new_klass(vm, vm->cString, p, n);
  if (is_binary(like)) RBASIC(s)->flags |= FL_STR_BINARY;
  return s;
}

/* Substring of s by byte range (the caller checked the bounds). */
static VALUE substr_bytes(VM *vm, VALUE s, long bo, long bl) {
  VALUE r = str_new_like(vm, s, PTR(s) + bo, bl);
  keep_alive(s);
  return r;
}

/* ---- the vm.h API -------------------------------------------------------------------------- */

VALUE kn_str_new(VM *vm, const char *ptr, long len) { return str_new_klass(vm, vm->cString, ptr, len); }

VALUE kn_str_new_cstr(VM *vm, const char *s) { return str_new_klass(vm, vm->cString, s, (long)strlen(s)); }

VALUE kn_str_buf_new(VM *vm, long capa) { return str_alloc(vm, vm->cString, capa); }

VALUE kn_str_dup(VM *vm, VALUE str) {
  VALUE s = str_new_klass(vm, vm->cString, PTR(str), LEN(str));
  RBASIC(s)->flags |= RBASIC(str)->flags & FL_STR_BINARY;
  int cr = cr_cached(str);
  if (cr) cr_set(s, cr);
  keep_alive(str);
  return s;
}

/* Appends p[0..n); p may point into str itself. Updates the coderange cache when both
 * parts are known to be 7-bit (the common case for interpolation and <<). */
static void str_cat_cr(VM *vm, VALUE str, const char *p, long n, int pcr) {
  RString *r = RSTRING(str);
  int cr = cr_cached(str);
  if (n == 0) return;
  if (r->len + n > r->capa) {
    if (r->ptr && p >= r->ptr && p <= r->ptr + r->len) {  /* appending part of itself */
      long off = p - r->ptr;
      str_reserve(vm, str, r->len + n);
      p = r->ptr + off;
    } else {
      str_reserve(vm, str, r->len + n);
    }
  }
  memcpy(r->ptr + r->len, p, (size_t)n);
  r->len += n;
  r->ptr[r->len] = 0;
  if (cr == CR_7BIT && pcr == CR_UNKNOWN && n <= 16) pcr = scan_cr(p, n);
  if (cr != CR_UNKNOWN && cr != CR_BROKEN && pcr != CR_UNKNOWN && pcr != CR_BROKEN)
    cr_set(str, cr > pcr ? cr : pcr);
  else
    cr_clear(str);
}

VALUE kn_str_cat(VM *vm, VALUE str, const char *ptr, long len) {
  str_cat_cr(vm, str, ptr, len, CR_UNKNOWN);
  return str;
}

VALUE kn_str_cat_cstr(VM *vm, VALUE str, const char *s) {
  str_cat_cr(vm, str, s, (long)strlen(s), CR_UNKNOWN);
  return str;
}

/* Encoding::<name> error class, or EncodingError when there is no such constant. */
static VALUE enc_error_class(VM *vm, const char *name) {
  VALUE c;
  if (vm->cEncoding && kn_const_lookup(vm, vm->cEncoding, kn_intern(vm, name), &c, false))
    return c;
  return vm->eEncodingError;
}
static VALUE enc_compat_error_class(VM *vm) { return enc_error_class(vm, "CompatibilityError"); }

/* Encoding negotiation for str + other (CRuby's rb_enc_check for UTF-8 / ASCII-8BIT):
 * returns whether the result is binary; raises Encoding::CompatibilityError when both
 * sides hold non-ASCII bytes in different encodings. */
static bool enc_check(VM *vm, VALUE str, VALUE other) {
  bool b1 = is_binary(str), b2 = is_binary(other);
  if (b1 == b2) return b1;
  if (LEN(other) == 0 || is_7bit(other)) return b1;
  if (LEN(str) == 0 || is_7bit(str)) return b2;
  kn_raise(vm, enc_compat_error_class(vm), "incompatible character encodings: %s and %s",
           b1 ? "ASCII-8BIT" : "UTF-8", b2 ? "ASCII-8BIT" : "UTF-8");
}

VALUE kn_str_append(VM *vm, VALUE str, VALUE other) {
  if ((RBASIC(str)->flags ^ RBASIC(other)->flags) & FL_STR_BINARY) {
    if (enc_check(vm, str, other)) RBASIC(str)->flags |= FL_STR_BINARY;
    else RBASIC(str)->flags &= ~FL_STR_BINARY;
  }
  str_cat_cr(vm, str, PTR(other), LEN(other), cr_cached(other));
  return str;
}

bool kn_str_equal(VALUE a, VALUE b) {
  if (a == b) return true;
  long n = LEN(a);
  if (n != LEN(b) || memcmp(PTR(a), PTR(b), (size_t)n) != 0) return false;
  if ((RBASIC(a)->flags ^ RBASIC(b)->flags) & FL_STR_BINARY) return is_7bit(a);
  return true;
}

/* A 64-bit hash of the bytes: 16-byte blocks folded with 64x64->128 multiplies (in the
 * manner of wyhash, own constants); equal byte strings hash equally. */
static inline uint64_t mum(uint64_t a, uint64_t b) {
  __uint128_t r = (__uint128_t)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}
static inline uint64_t rd64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline uint64_t rd32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }

static uint64_t hash_bytes(const char *ptr, long len) {
  const uint64_t k0 = 0x9e3779b97f4a7c15ULL, k1 = 0xd6e8feb86659fd93ULL, k2 = 0xa0761d6478bd642fULL;
  const unsigned char *p = (const unsigned char *)ptr;
  uint64_t h = k2 ^ ((uint64_t)len * k0);
  uint64_t a, b;
  size_t n = (size_t)len;
  if (n <= 16) {
    if (n >= 4) {
      a = (rd32(p) << 32) | rd32(p + ((n >> 3) << 2));
      b = (rd32(p + n - 4) << 32) | rd32(p + n - 4 - ((n >> 3) << 2));
    } else if (n > 0) {
      a = ((uint64_t)p[0] << 16) | ((uint64_t)p[n >> 1] << 8) | p[n - 1];
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    size_t i = n;
    while (i > 16) {
      h = mum(rd64(p) ^ k1, rd64(p + 8) ^ h);
      p += 16;
      i -= 16;
    }
    a = rd64(p + i - 16);
    b = rd64(p + i - 8);
  }
  return mum(k1 ^ (uint64_t)len, mum(a ^ k1, b ^ h));
}

uintptr_t kn_str_hash(VALUE str) { return (uintptr_t)hash_bytes(PTR(str), LEN(str)); }

long kn_str_char_length(VALUE str) { return str_clen(str); }

const char *kn_str_cstr(VM *vm, VALUE str) {
  (void)vm;
  if (!PTR(str)) return "";
  return PTR(str);
}

VALUE kn_str_intern(VM *vm, VALUE str) {
  if (!is_binary(str) && str_cr(str) == CR_BROKEN) {
    VALUE ins = kn_str_inspect(vm, str);
    kn_raise(vm, vm->eEncodingError, "invalid symbol in encoding UTF-8 :%s", PTR(ins));
  }
  ID id = kn_intern2(vm, PTR(str), LEN(str));
  keep_alive(str);
  return ID2SYM(id);
}

/* ---- printf ---------------------------------------------------------------------------------
 * C printf conversions are handed to snprintf one at a time (with '*' widths substituted);
 * %V appends a VALUE converted by kn_obj_as_string, %S one converted by kn_inspect. */

static void cat_padded(VM *vm, VALUE out, const char *p, long n, long width, bool left) {
  long pad = width > n ? width - n : 0;
  if (!left) for (long i = 0; i < pad; i++) str_cat_cr(vm, out, " ", 1, CR_7BIT);
  str_cat_cr(vm, out, p, n, CR_UNKNOWN);
  if (left) for (long i = 0; i < pad; i++) str_cat_cr(vm, out, " ", 1, CR_7BIT);
}

static VALUE str_vprintf_body(VM *vm, const char *fmt, va_list ap);

/* %s arguments are often pointers into Strings that nothing else holds any more (the
 * kn_str_cstr of a fresh inspect): no collection may run until they have been copied. */
VALUE kn_str_vprintf(VM *vm, const char *fmt, va_list ap) {
  volatile VALUE r = Qnil;
  va_list aq;
  va_copy(aq, ap);
  vm->gc_disabled++;
  KN_TRY(vm) {
    r = str_vprintf_body(vm, fmt, aq);
  } KN_CATCH(vm) {
    vm->gc_disabled--;
    va_end(aq);
    kn_jump(vm, kn_tag, vm->errinfo);
  } KN_END(vm);
  vm->gc_disabled--;
  va_end(aq);
  return r;
}

static VALUE str_vprintf_body(VM *vm, const char *fmt, va_list ap) {
  VALUE out = str_alloc(vm, vm->cString, 64);
  va_list aq;
  va_copy(aq, ap);
  const char *p = fmt;
  while (*p) {
    const char *pct = strchr(p, '%');
    if (!pct) { str_cat_cr(vm, out, p, (long)strlen(p), CR_UNKNOWN); break; }
    if (pct > p) str_cat_cr(vm, out, p, pct - p, CR_UNKNOWN);
    p = pct + 1;
    if (*p == '%') { str_cat_cr(vm, out, "%", 1, CR_7BIT); p++; continue; }
    /* collect the spec: flags, width, precision, length, conversion */
    char spec[64];
    int sn = 0;
    spec[sn++] = '%';
    bool left = false;
    while (*p && strchr("-+ #0'", *p)) {
      if (*p == '-') left = true;
      if (sn < 40) spec[sn++] = *p;
      p++;
    }
    long width = -1;
    if (*p == '*') {
      int w = va_arg(aq, int);
      if (w < 0) { left = true; w = -w; if (sn < 40) spec[sn++] = '-'; }
      width = w;
      sn += snprintf(spec + sn, sizeof spec - (size_t)sn, "%d", w);
      p++;
    } else if (*p >= '0' && *p <= '9') {
      width = 0;
      while (*p >= '0' && *p <= '9') {
        width = width * 10 + (*p - '0');
        if (sn < 50) spec[sn++] = *p;
        p++;
      }
    }
    if (*p == '.') {
      if (sn < 50) spec[sn++] = '.';
      p++;
      if (*p == '*') {
        int pr = va_arg(aq, int);
        sn += snprintf(spec + sn, sizeof spec - (size_t)sn, "%d", pr < 0 ? 0 : pr);
        p++;
      } else {
        while (*p >= '0' && *p <= '9') { if (sn < 56) spec[sn++] = *p; p++; }
      }
    }
    if (sn > 56) sn = 56;
    int lmod = 0;  /* 0 int, 1 long, 2 long long, 3 size_t, 4 intmax, 5 ptrdiff, 6 long double, -1 short, -2 char */
    for (;;) {
      if (*p == 'l') { lmod = lmod == 1 ? 2 : 1; }
      else if (*p == 'h') { lmod = lmod == -1 ? -2 : -1; }
      else if (*p == 'z') lmod = 3;
      else if (*p == 'j') lmod = 4;
      else if (*p == 't') lmod = 5;
      else if (*p == 'L') lmod = 6;
      else if (*p == 'q') lmod = 2;
      else break;
      if (sn < 60) spec[sn++] = *p;
      p++;
    }
    char conv = *p;
    if (!conv) break;
    p++;
    if (conv == 'V' || conv == 'S') {
      VALUE v = va_arg(aq, VALUE);
      VALUE s = conv == 'V' ? kn_obj_as_string(vm, v) : kn_inspect(vm, v);
      if (!is_str(s)) s = kn_obj_as_string(vm, s);
      if (width > 0) cat_padded(vm, out, PTR(s), LEN(s), width, left);
      else kn_str_append(vm, out, s);
      keep_alive(s);
      continue;
    }
    if (conv == 's' && sn == 1) {  /* plain %s */
      const char *s = va_arg(aq, const char *);
      if (!s) s = "(null)";
      str_cat_cr(vm, out, s, (long)strlen(s), CR_UNKNOWN);
      continue;
    }
    spec[sn++] = conv;
    spec[sn] = 0;
    char buf[128];
    int n;
    char *big = NULL;
#define EMIT(expr)                                                              \
    do {                                                                        \
      n = snprintf(buf, sizeof buf, spec, expr);                                \
      if (n >= (int)sizeof buf) { big = kn_xmalloc((size_t)n + 1); snprintf(big, (size_t)n + 1, spec, expr); } \
    } while (0)
    switch (conv) {
    case 'd': case 'i': {
      if (lmod == 1) { long v = va_arg(aq, long); EMIT(v); }
      else if (lmod == 2) { long long v = va_arg(aq, long long); EMIT(v); }
      else if (lmod == 3) { size_t v = va_arg(aq, size_t); EMIT(v); }
      else if (lmod == 4) { intmax_t v = va_arg(aq, intmax_t); EMIT(v); }
      else if (lmod == 5) { ptrdiff_t v = va_arg(aq, ptrdiff_t); EMIT(v); }
      else { int v = va_arg(aq, int); EMIT(v); }
      break;
    }
    case 'u': case 'x': case 'X': case 'o': {
      if (lmod == 1) { unsigned long v = va_arg(aq, unsigned long); EMIT(v); }
      else if (lmod == 2) { unsigned long long v = va_arg(aq, unsigned long long); EMIT(v); }
      else if (lmod == 3) { size_t v = va_arg(aq, size_t); EMIT(v); }
      else if (lmod == 4) { uintmax_t v = va_arg(aq, uintmax_t); EMIT(v); }
      else if (lmod == 5) { ptrdiff_t v = va_arg(aq, ptrdiff_t); EMIT(v); }
      else { unsigned v = va_arg(aq, unsigned); EMIT(v); }
      break;
    }
    case 'c': { int v = va_arg(aq, int); EMIT(v); break; }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A': {
      if (lmod == 6) { long double v = va_arg(aq, long double); EMIT(v); }
      else { double v = va_arg(aq, double); EMIT(v); }
      break;
    }
    case 'p': { void *v = va_arg(aq, void *); EMIT(v); break; }
    case 's': { const char *v = va_arg(aq, const char *); if (!v) v = "(null)"; EMIT(v); break; }
    default:  /* unknown conversion: copy it literally */
      n = snprintf(buf, sizeof buf, "%s", spec);
      break;
    }
#undef EMIT
    if (n > 0) str_cat_cr(vm, out, big ? big : buf, n, CR_UNKNOWN);
    free(big);
  }
  va_end(aq);
  return out;
}

VALUE kn_str_printf(VM *vm, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  VALUE s = kn_str_vprintf(vm, fmt, ap);
  va_end(ap);
  return s;
}

/* ---- inspect ------------------------------------------------------------------------------- */

/* Approximates Onigmo's [[:print:]] for UTF-8 inspect: false for controls, line/paragraph
 * separators, noncharacters and the large unassigned planes. */
static bool unicode_printable(unsigned c) {
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return false;
  if (c == 0x2028 || c == 0x2029) return false;
  if (c >= 0xfdd0 && c <= 0xfdef) return false;
  if ((c & 0xfffe) == 0xfffe) return false;
  if (c >= 0x0378 && c <= 0x0379) return false;
  if (c >= 0x31350 && c < 0xe0000) return false;
  if (c == 0xe0000 || (c >= 0xe0080 && c < 0xe0100) || (c >= 0xe01f0 && c < 0xf0000)) return false;
  return true;
}

static void cat_fmt_escape(VM *vm, VALUE out, const char *fmt, unsigned v) {
  char buf[16];
  int n = snprintf(buf, sizeof buf, fmt, v);
  str_cat_cr(vm, out, buf, n, CR_7BIT);
}

/* Escape character for c, or 0. */
static char simple_escape(unsigned char c) {
  switch (c) {
  case '\n': return 'n';
  case '\r': return 'r';
  case '\t': return 't';
  case '\f': return 'f';
  case '\v': return 'v';
  case '\b': return 'b';
  case '\a': return 'a';
  case 033: return 'e';
  default: return 0;
  }
}

/* Appends the quoted form of p[0..n) to out.
 *  binary:   bytes >= 0x80 are \xNN
 *  uni_ctrl: ASCII control characters are \uNNNN (UTF-8 strings) rather than \xNN
 *  dump:     String#dump: every non-ASCII character escaped */
static void inspect_into(VM *vm, VALUE out, const char *p, long n, bool binary, bool uni_ctrl, bool dump) {
  const unsigned char *u = (const unsigned char *)p, *e = u + n;
  str_reserve(vm, out, LEN(out) + n + 2);
  str_cat_cr(vm, out, "\"", 1, CR_7BIT);
  const unsigned char *run = u;  /* start of bytes copied verbatim */
#define FLUSH() do { if (q > run) str_cat_cr(vm, out, (const char *)run, q - run, CR_UNKNOWN); } while (0)
  for (const unsigned char *q = u; q < e;) {
    unsigned c = *q;
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '#') { q++; continue; }
    if (c == '#') {
      if (q + 1 < e && (q[1] == '{' || q[1] == '$' || q[1] == '@')) {
        FLUSH();
        str_cat_cr(vm, out, "\\#", 2, CR_7BIT);
        run = ++q;
      } else {
        q++;
      }
      continue;
    }
    if (c >= 0x80 && !binary) {
      int l = utf8_len(q, e);
      if (l > 1) {
        unsigned cp = utf8_decode(q, l);
        if (!dump && unicode_printable(cp)) { q += l; continue; }
        FLUSH();
        cat_fmt_escape(vm, out, cp < 0x10000 ? "\\u%04X" : "\\u{%X}", cp);
        run = q += l;
        continue;
      }
    }
    FLUSH();
    char esc = c < 0x80 ? simple_escape((unsigned char)c) : 0;
    if (c == '"' || c == '\\') {
      char b2[2] = {'\\', (char)c};
      str_cat_cr(vm, out, b2, 2, CR_7BIT);
    } else if (esc) {
      char b2[2] = {'\\', esc};
      str_cat_cr(vm, out, b2, 2, CR_7BIT);
    } else if (c < 0x80 && uni_ctrl && !dump) {
      cat_fmt_escape(vm, out, "\\u%04X", c);
    } else {
      cat_fmt_escape(vm, out, "\\x%02X", c);
    }
    run = ++q;
  }
  {
    const unsigned char *q = e;
    FLUSH();
  }
#undef FLUSH
  str_cat_cr(vm, out, "\"", 1, CR_7BIT);
}

VALUE kn_str_inspect(VM *vm, VALUE str) {
  VALUE out = str_alloc(vm, vm->cString, LEN(str) + 2);
  inspect_into(vm, out, PTR(str), LEN(str), is_binary(str), !is_binary(str), false);
  keep_alive(str);
  return out;
}

static VALUE str_dump_value(VM *vm, VALUE str) {
  VALUE out = str_alloc(vm, vm->cString, LEN(str) + 2);
  inspect_into(vm, out, PTR(str), LEN(str), is_binary(str), false, true);
  keep_alive(str);
  return out;
}

/* ---- symbol names ------------------------------------------------------------------------- */

static inline bool ident_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
static inline bool ident_char(unsigned char c) { return ident_start(c) || (c >= '0' && c <= '9'); }

/* True when p[0..n) is an identifier (letters, digits, _, non-ASCII; not starting with a
 * digit) that is valid UTF-8. */
static bool is_ident(const char *p, long n) {
  if (n == 0 || !ident_start((unsigned char)p[0])) return false;
  for (long i = 0; i < n; i++)
    if (!ident_char((unsigned char)p[i])) return false;
  return scan_cr(p, n) != CR_BROKEN;
}

/* CRuby's rule for symbols that inspect without quotes. */
static bool sym_simple(const char *p, long n) {
  static const char *const ops[] = {
    "[]", "[]=", "*", "**", "+", "-", "+@", "-@", "!", "!=", "!~", "=~", "==", "===", "<=>",
    "<", "<=", ">", ">=", "<<", ">>", "/", "%", "&", "|", "^", "~", "`", NULL};
  if (n == 0) return false;
  for (int i = 0; ops[i]; i++)
    if ((long)strlen(ops[i]) == n && memcmp(ops[i], p, (size_t)n) == 0) return true;
  if (p[0] == '$') {
    if (n == 2 && strchr("~*$?!@/\\;,.=:<>\"&`'+0_", p[1]) && p[1]) return true;
    if (n >= 2 && p[1] >= '1' && p[1] <= '9') {
      for (long i = 2; i < n; i++) if (p[i] < '0' || p[i] > '9') return false;
      return true;
    }
    if (n == 3 && p[1] == '-' && ident_char((unsigned char)p[2])) return true;
    return is_ident(p + 1, n - 1);
  }
  if (p[0] == '@') {
    if (n >= 2 && p[1] == '@') return is_ident(p + 2, n - 2);
    return is_ident(p + 1, n - 1);
  }
  long m = n;
  char last = p[n - 1];
  if (last == '?' || last == '!') m = n - 1;
  else if (last == '=') m = n - 1;
  return is_ident(p, m);
}

VALUE kn_sym_inspect(VM *vm, ID id) {
  const char *p = kn_id_name(vm, id);
  long n = kn_id_len(vm, id);
  VALUE out = str_alloc(vm, vm->cString, n + 3);
  str_cat_cr(vm, out, ":", 1, CR_7BIT);
  if (sym_simple(p, n)) {
    str_cat_cr(vm, out, p, n, CR_UNKNOWN);
  } else {
    bool ascii = ascii_prefix(p, n) == n;
    inspect_into(vm, out, p, n, false, !ascii, false);
  }
  return out;
}

/* ---- method helpers ------------------------------------------------------------------------- */

static inline VALUE to_str(VM *vm, VALUE v) { return is_str(v) ? v : kn_check_string(vm, v); }
static inline long to_long(VM *vm, VALUE v) { return FIXNUM_P(v) ? FIX2LONG(v) : kn_num2long(vm, v); }

static VALUE ret_enum(VM *vm, VALUE self, const char *meth, int argc, const VALUE *argv) {
  VALUE args[8];
  if (argc > 7) argc = 7;
  args[0] = kn_sym(vm, meth);
  for (int i = 0; i < argc; i++) args[i + 1] = argv[i];
  return kn_funcall(vm, self, vm->id_to_enum, argc + 1, args);
}
#define RETURN_ENUM(name) \
  do { if (NIL_P(blk)) return ret_enum(vm, self, name, argc, argv); } while (0)

static bool is_regexp(VM *vm, VALUE v) {
  return vm->cRegexp && kn_is_type(v, T_DATA) && kn_obj_is_kind_of(vm, v, vm->cRegexp);
}

static VALUE regex_call(VM *vm, VALUE self, const char *name, int argc, const VALUE *argv) {
  return kn_funcall(vm, self, kn_intern(vm, name), argc, argv);
}

/* Splits off a trailing keywords Hash: returns it (or Qnil) and decrements *argc. */
static VALUE take_kwargs(int *argc, VALUE *argv) {
  if (*argc > 0 && kn_is_type(argv[*argc - 1], T_HASH)) return argv[--*argc];
  return Qnil;
}

static bool kw_get(VM *vm, VALUE kw, const char *name, VALUE *out) {
  return !NIL_P(kw) && kn_hash_lookup(vm, kw, kn_sym(vm, name), out);
}

/* Resolves Range r against a sequence of length len (String#[] rules): start and count,
 * false when the start is out of range. Bounds must be Integers (or nil). */
static bool range_bounds(VM *vm, VALUE r, long len, long *begp, long *cntp) {
  VALUE b = RRANGE(r)->beg, e = RRANGE(r)->end;
  bool excl = (RBASIC(r)->flags & FL_EXCL) != 0;
  long beg = NIL_P(b) ? 0 : to_long(vm, b);
  long end;
  if (NIL_P(e)) { end = len; excl = true; }
  else end = to_long(vm, e);
  if (beg < 0) { beg += len; if (beg < 0) return false; }
  if (beg > len) return false;
  if (end < 0) end += len;
  if (!excl) end++;
  long cnt = end - beg;
  if (cnt < 0) cnt = 0;
  if (cnt > len - beg) cnt = len - beg;
  *begp = beg;
  *cntp = cnt;
  return true;
}

static long str_clen_fast(VALUE s) { return single_byte(s) ? LEN(s) : str_clen(s); }

/* Byte index of needle n[0..nl) in s at or after byte `from`, or -1. For UTF-8 strings the
 * match must start on a character boundary. */
static long byte_index(VALUE s, const char *n, long nl, long from) {
  const char *p = PTR(s);
  long len = LEN(s);
  bool sb = single_byte(s);
  while (from <= len - nl) {
    const char *hit = nl == 0 ? p + from : memmem(p + from, (size_t)(len - from), n, (size_t)nl);
    if (!hit) return -1;
    long pos = hit - p;
    if (sb || ((unsigned char)p[pos] & 0xc0) != 0x80 || nl == 0) return pos;
    from = pos + 1;
  }
  return -1;
}

/* Byte index of the last occurrence of n starting at or before byte `from`, or -1. */
static long byte_rindex(VALUE s, const char *n, long nl, long from) {
  const char *p = PTR(s);
  long len = LEN(s);
  if (from > len - nl) from = len - nl;
  bool sb = single_byte(s);
  for (long pos = from; pos >= 0; pos--) {
    if (!sb && ((unsigned char)p[pos] & 0xc0) == 0x80 && pos < len) continue;
    if (memcmp(p + pos, n, (size_t)nl) == 0) return pos;
  }
  return -1;
}

/* ---- construction, copy, conversion ----------------------------------------------------- */

static void str_replace_with(VM *vm, VALUE self, VALUE other) {
  if (self == other) return;
  long n = LEN(other);
  modify(vm, self);
  str_reserve(vm, self, n);
  memcpy(PTR(self), PTR(other), (size_t)n);
  set_len(self, n);
  RBASIC(self)->flags = (RBASIC(self)->flags & ~FL_STR_BINARY) | (RBASIC(other)->flags & FL_STR_BINARY);
  int cr = cr_cached(other);
  if (cr) cr_set(self, cr);
}

static bool enc_name_binary(VM *vm, VALUE enc, bool *known) {
  VALUE name = is_str(enc) ? enc : kn_obj_as_string(vm, enc);
  const char *s = PTR(name);
  *known = true;
  if (!strcasecmp(s, "ASCII-8BIT") || !strcasecmp(s, "BINARY")) return true;
  if (!strcasecmp(s, "UTF-8") || !strcasecmp(s, "US-ASCII") || !strcasecmp(s, "ASCII") ||
      !strcasecmp(s, "CP65001") || !strcasecmp(s, "locale") || !strcasecmp(s, "external") ||
      !strcasecmp(s, "filesystem"))
    return false;
  *known = false;
  return false;
}

static void set_encoding(VM *vm, VALUE self, VALUE enc) {
  bool known;
  bool bin = enc_name_binary(vm, enc, &known);
  if (!known) {
    VALUE name = is_str(enc) ? enc : kn_obj_as_string(vm, enc);
    kn_raise(vm, vm->eArgumentError, "unknown encoding name - %s", PTR(name));
  }
  if (bin) RBASIC(self)->flags |= FL_STR_BINARY;
  else RBASIC(self)->flags &= ~FL_STR_BINARY;
  cr_clear(self);
}

/* String.new(str = "", encoding: nil, capacity: nil): without a string the result is
 * ASCII-8BIT, as in CRuby. */
static VALUE str_initialize(ARGS) {
  UNUSED;
  VALUE kw = take_kwargs(&argc, argv);
  if (argc > 1) kn_arity_error(vm, argc, 0, 1);
  if (argc == 1) str_replace_with(vm, self, to_str(vm, argv[0]));
  VALUE v;
  if (kw_get(vm, kw, "encoding", &v)) { modify(vm, self); set_encoding(vm, self, v); }
  if (kw_get(vm, kw, "capacity", &v)) {
    long c = to_long(vm, v);
    if (c > LEN(self)) str_reserve(vm, self, c);
  }
  return self;
}

/* String.new: allocate + initialize (a bare String.new is ASCII-8BIT). */
static VALUE str_s_new(ARGS) {
  VALUE s = str_alloc(vm, self, 0);
  int n = argc;
  VALUE kw = take_kwargs(&n, argv);
  (void)kw;
  if (n == 0) RBASIC(s)->flags |= FL_STR_BINARY;
  kn_funcall_kw(vm, s, vm->id_initialize, argc, argv, blk, argc > n);
  return s;
}

static VALUE str_s_try_convert(ARGS) {
  UNUSED;
  VALUE v = argv[0];
  if (is_str(v)) return v;
  return kn_check_convert(vm, v, T_STRING, vm->id_to_str);
}

static VALUE str_replace(ARGS) {
  UNUSED;
  VALUE o = to_str(vm, argv[0]);
  modify(vm, self);
  str_replace_with(vm, self, o);
  return self;
}

static VALUE str_to_s(ARGS) {
  UNUSED;
  if (RBASIC(self)->klass == vm->cString) return self;
  return kn_str_dup(vm, self);
}

static VALUE str_inspect_m(ARGS) { UNUSED; return kn_str_inspect(vm, self); }
static VALUE str_dump(ARGS) { UNUSED; return str_dump_value(vm, self); }

static VALUE str_uplus(ARGS) {
  UNUSED;
  if (RBASIC(self)->flags & FL_FROZEN) return kn_str_dup(vm, self);
  return self;
}

static VALUE str_uminus(ARGS) {
  UNUSED;
  if (RBASIC(self)->flags & FL_FROZEN) return self;
  VALUE s = kn_str_dup(vm, self);
  RBASIC(s)->flags |= FL_FROZEN;
  return s;
}

static VALUE str_to_sym(ARGS) { UNUSED; return kn_str_intern(vm, self); }

static VALUE str_to_i(ARGS) {
  UNUSED;
  int base = argc > 0 ? (int)to_long(vm, argv[0]) : 10;
  if (base < 0 || base == 1 || base > 36) kn_raise(vm, vm->eArgumentError, "invalid radix %d", base);
  return kn_str_to_inum(vm, PTR(self), LEN(self), base, false);
}

static VALUE str_to_f(ARGS) { UNUSED; return kn_str_to_dbl(vm, PTR(self), LEN(self), false); }

static VALUE str_hex(ARGS) { UNUSED; return kn_str_to_inum(vm, PTR(self), LEN(self), 16, false); }

/* String#oct: octal unless the digits carry a 0x / 0b / 0o / 0d prefix. */
static VALUE str_oct(ARGS) {
  UNUSED;
  const char *p = PTR(self), *e = p + LEN(self);
  while (p < e && (*p == ' ' || (*p >= '\t' && *p <= '\r'))) p++;
  if (p < e && (*p == '+' || *p == '-')) p++;
  int base = 8;
  if (e - p >= 2 && p[0] == '0' && strchr("xXbBoOdD", p[1]) && p[1]) base = 0;
  return kn_str_to_inum(vm, PTR(self), LEN(self), base, false);
}

static VALUE str_encoding(ARGS) {
  UNUSED;
  if (!vm->cEncoding) return kn_str_new_cstr(vm, is_binary(self) ? "ASCII-8BIT" : "UTF-8");
  return kn_const_get(vm, vm->cEncoding, kn_intern(vm, is_binary(self) ? "ASCII_8BIT" : "UTF_8"));
}

static VALUE str_force_encoding(ARGS) {
  UNUSED;
  modify(vm, self);
  set_encoding(vm, self, argv[0]);
  return self;
}

static VALUE str_valid_encoding(ARGS) {
  UNUSED;
  return KN_BOOL(is_binary(self) || str_cr(self) != CR_BROKEN);
}

static VALUE str_ascii_only(ARGS) { UNUSED; return KN_BOOL(is_7bit(self)); }

static VALUE str_b(ARGS) {
  UNUSED;
  VALUE s = kn_str_new(vm, PTR(self), LEN(self));
  RBASIC(s)->flags |= FL_STR_BINARY;
  return s;
}

/* String#scrub(repl = U+FFFD): invalid bytes replaced (one replacement per maximal
 * invalid run); a block computes the replacement from the bytes. */
static VALUE str_scrub_value(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  if (is_binary(self) || str_cr(self) != CR_BROKEN) return Qnil;
  VALUE repl = argc > 0 && !NIL_P(argv[0]) ? to_str(vm, argv[0]) : Qnil;
  VALUE out = str_alloc(vm, vm->cString, LEN(self));
  const unsigned char *p = (const unsigned char *)PTR(self), *e = p + LEN(self);
  for (const unsigned char *q = p; q < e;) {
    int l = *q < 0x80 ? 1 : utf8_len(q, e);
    if (*q < 0x80 || l > 1) { str_cat_cr(vm, out, (const char *)q, l, CR_UNKNOWN); q += l; continue; }
    const unsigned char *r = q;
    while (r < e && *r >= 0x80 && utf8_len(r, e) == 1) r++;
    if (!NIL_P(blk)) {
      VALUE bad = kn_str_new(vm, (const char *)q, r - q);
      RBASIC(bad)->flags |= FL_STR_BINARY;
      kn_str_append(vm, out, to_str(vm, kn_yield1(vm, blk, bad)));
    } else if (!NIL_P(repl)) {
      kn_str_append(vm, out, repl);
    } else {
      str_cat_cr(vm, out, "\xEF\xBF\xBD", 3, CR_VALID);
    }
    q = r;
  }
  return out;
}
static VALUE str_scrub(ARGS) {
  VALUE r = str_scrub_value(vm, self, argc, argv, blk);
  return NIL_P(r) ? kn_str_dup(vm, self) : r;
}
static VALUE str_scrub_bang(ARGS) {
  modify(vm, self);
  VALUE r = str_scrub_value(vm, self, argc, argv, blk);
  if (!NIL_P(r)) str_replace_with(vm, self, r);
  return self;
}

static VALUE str_unicode_normalize(ARGS) { UNUSED; return kn_str_dup(vm, self); }

/* String#encode between the encodings kiln knows (UTF-8, ASCII-8BIT, US-ASCII), with the
 * invalid:/undef: :replace, replace: and xml: options. */
enum { ENC_UTF8, ENC_BIN, ENC_ASCII };
static const char *const enc_names[] = {"UTF-8", "ASCII-8BIT", "US-ASCII"};

static int enc_id(VM *vm, VALUE enc, int from) {
  VALUE name = is_str(enc) ? enc : kn_obj_as_string(vm, enc);
  const char *s = PTR(name);
  if (!strcasecmp(s, "UTF-8") || !strcasecmp(s, "CP65001")) return ENC_UTF8;
  if (!strcasecmp(s, "ASCII-8BIT") || !strcasecmp(s, "BINARY")) return ENC_BIN;
  if (!strcasecmp(s, "US-ASCII") || !strcasecmp(s, "ASCII")) return ENC_ASCII;
  kn_raise(vm, enc_error_class(vm, "ConverterNotFoundError"), "code converter not found (%s to %s)",
           enc_names[from], s);
}

static void cat_xml(VM *vm, VALUE out, const char *p, long n, int xml) {
  for (long i = 0; i < n; i++) {
    const char *r = NULL;
    switch (p[i]) {
    case '&': r = "&amp;"; break;
    case '<': r = "&lt;"; break;
    case '>': r = "&gt;"; break;
    case '"': if (xml == 2) r = "&quot;"; break;
    default: break;
    }
    if (r) str_cat_cr(vm, out, r, (long)strlen(r), CR_7BIT);
    else str_cat_cr(vm, out, p + i, 1, CR_UNKNOWN);
  }
}

static VALUE str_encode_value(VM *vm, VALUE self, int argc, VALUE *argv) {
  VALUE kw = take_kwargs(&argc, argv);
  if (argc > 2) kn_arity_error(vm, argc, 0, 2);
  int src = is_binary(self) ? ENC_BIN : ENC_UTF8;
  if (argc > 1) src = enc_id(vm, argv[1], src);
  int dst = argc > 0 ? enc_id(vm, argv[0], src) : ENC_UTF8;
  VALUE v, rep = Qnil;
  bool inv_rep = kw_get(vm, kw, "invalid", &v) && v == kn_sym(vm, "replace");
  bool undef_rep = kw_get(vm, kw, "undef", &v) && v == kn_sym(vm, "replace");
  int xml = 0;
  if (kw_get(vm, kw, "xml", &v)) xml = v == kn_sym(vm, "attr") ? 2 : v == kn_sym(vm, "text") ? 1 : 0;
  if (kw_get(vm, kw, "replace", &v)) rep = to_str(vm, v);
  if (NIL_P(rep)) rep = dst == ENC_UTF8 ? kn_str_new(vm, "\xEF\xBF\xBD", 3) : kn_str_new(vm, "?", 1);
  VALUE out = str_alloc(vm, vm->cString, LEN(self) + (xml == 2 ? 2 : 0));
  if (dst == ENC_BIN) RBASIC(out)->flags |= FL_STR_BINARY;
  if (xml == 2) str_cat_cr(vm, out, "\"", 1, CR_7BIT);
  const unsigned char *p = (const unsigned char *)PTR(self), *e = p + LEN(self);
  for (const unsigned char *q = p; q < e;) {
    if (*q < 0x80) {
      const unsigned char *r = q;
      while (r < e && *r < 0x80) r++;
      if (xml) cat_xml(vm, out, (const char *)q, r - q, xml);
      else str_cat_cr(vm, out, (const char *)q, r - q, CR_7BIT);
      q = r;
      continue;
    }
    int l = src == ENC_UTF8 ? utf8_len(q, e) : 1;
    bool invalid = src == ENC_ASCII || (src == ENC_UTF8 && l == 1);
    if (invalid) {
      if (!inv_rep) {
        char buf[8];
        snprintf(buf, sizeof buf, "\\x%02X", *q);
        kn_raise(vm, enc_error_class(vm, "InvalidByteSequenceError"), "\"%s\" on %s", buf, enc_names[src]);
      }
      kn_str_append(vm, out, rep);
    } else if (dst == src || (dst == ENC_BIN && src == ENC_BIN) || (src == ENC_BIN && dst == ENC_BIN)) {
      str_cat_cr(vm, out, (const char *)q, l, CR_UNKNOWN);
    } else {
      if (!undef_rep) {
        if (src == ENC_UTF8)
          kn_raise(vm, enc_error_class(vm, "UndefinedConversionError"), "U+%04X from UTF-8 to %s",
                   utf8_decode(q, l), enc_names[dst]);
        kn_raise(vm, enc_error_class(vm, "UndefinedConversionError"), "\"\\x%02X\" from %s to %s", *q,
                 enc_names[src], enc_names[dst]);
      }
      kn_str_append(vm, out, rep);
    }
    q += l;
  }
  if (xml == 2) str_cat_cr(vm, out, "\"", 1, CR_7BIT);
  keep_alive(self);
  return out;
}

static VALUE str_encode(ARGS) { UNUSED; return str_encode_value(vm, self, argc, argv); }
static VALUE str_encode_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  str_replace_with(vm, self, str_encode_value(vm, self, argc, argv));
  return self;
}

/* ---- comparison ------------------------------------------------------------------------------ */

static VALUE str_eq(ARGS) {
  UNUSED;
  VALUE o = argv[0];
  if (is_str(o)) return KN_BOOL(kn_str_equal(self, o));
  if (SPECIAL_CONST_P(o) || !kn_respond_to(vm, o, vm->id_to_str, false)) return Qfalse;
  return KN_BOOL(kn_equal(vm, o, self));
}

static VALUE str_eql(ARGS) {
  UNUSED;
  return KN_BOOL(is_str(argv[0]) && kn_str_equal(self, argv[0]));
}

static VALUE str_hash_m(ARGS) {
  UNUSED;
  return INT2FIX((intptr_t)(kn_str_hash(self) >> 2));
}

static int str_cmp(VALUE a, VALUE b) {
  long la = LEN(a), lb = LEN(b);
  int r = memcmp(PTR(a), PTR(b), (size_t)(la < lb ? la : lb));
  if (r) return r < 0 ? -1 : 1;
  return la == lb ? 0 : la < lb ? -1 : 1;
}

static VALUE str_cmp_m(ARGS) {
  UNUSED;
  VALUE o = argv[0];
  if (is_str(o)) return INT2FIX(str_cmp(self, o));
  if (SPECIAL_CONST_P(o) || !kn_respond_to(vm, o, vm->id_to_str, false) ||
      !kn_respond_to(vm, o, vm->id_cmp, false))
    return Qnil;
  VALUE r = kn_funcall(vm, o, vm->id_cmp, 1, &self);
  if (NIL_P(r)) return Qnil;
  if (FIXNUM_P(r)) return INT2FIX(-FIX2LONG(r));
  return kn_funcall(vm, INT2FIX(0), vm->id_minus, 1, &r);
}

static int cmp_arg(VM *vm, VALUE self, VALUE o) {
  if (is_str(o)) return str_cmp(self, o);
  VALUE r = str_cmp_m(vm, self, 1, &o, Qnil);
  return kn_cmpint(vm, r, self, o);
}
static VALUE str_lt(ARGS) { UNUSED; return KN_BOOL(cmp_arg(vm, self, argv[0]) < 0); }
static VALUE str_le(ARGS) { UNUSED; return KN_BOOL(cmp_arg(vm, self, argv[0]) <= 0); }
static VALUE str_gt(ARGS) { UNUSED; return KN_BOOL(cmp_arg(vm, self, argv[0]) > 0); }
static VALUE str_ge(ARGS) { UNUSED; return KN_BOOL(cmp_arg(vm, self, argv[0]) >= 0); }

static inline unsigned char ascii_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int casecmp_bytes(VALUE a, VALUE b) {
  long la = LEN(a), lb = LEN(b), n = la < lb ? la : lb;
  const unsigned char *p = (const unsigned char *)PTR(a), *q = (const unsigned char *)PTR(b);
  for (long i = 0; i < n; i++) {
    unsigned char x = ascii_lower(p[i]), y = ascii_lower(q[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return la == lb ? 0 : la < lb ? -1 : 1;
}

/* Whether a and b can meet in one operation (CRuby's rb_enc_compatible answers an
 * encoding): the same encoding, or one side empty or ASCII only. */
static bool enc_compatible(VALUE a, VALUE b) {
  return is_binary(a) == is_binary(b) || LEN(a) == 0 || LEN(b) == 0 || is_7bit(a) || is_7bit(b);
}

/* casecmp's argument: a String (or to_str), else nil (the methods then return nil). */
static VALUE casecmp_arg(VM *vm, VALUE v) {
  if (is_str(v)) return v;
  if (SPECIAL_CONST_P(v)) return Qnil;
  return kn_check_convert(vm, v, T_STRING, vm->id_to_str);
}

static VALUE str_casecmp(ARGS) {
  UNUSED;
  VALUE o = casecmp_arg(vm, argv[0]);
  if (NIL_P(o) || !enc_compatible(self, o)) return Qnil;
  return INT2FIX(casecmp_bytes(self, o));
}

static VALUE str_match_op(ARGS) {
  UNUSED;
  VALUE o = argv[0];
  if (is_str(o)) kn_raise(vm, vm->eTypeError, "type mismatch: String given");
  return kn_funcall(vm, o, vm->id_match, 1, &self);
}

/* ---- concatenation -------------------------------------------------------------------------- */

static VALUE str_plus(ARGS) {
  UNUSED;
  VALUE o = to_str(vm, argv[0]);
  bool bin = is_binary(self);
  if (is_binary(o) != bin) bin = enc_check(vm, self, o);
  long la = LEN(self), lb = LEN(o);
  if (lb > STR_MAX - la) kn_raise(vm, vm->eArgumentError, "string size too big");
  VALUE s = str_alloc(vm, vm->cString, la + lb);
  memcpy(PTR(s), PTR(self), (size_t)la);
  memcpy(PTR(s) + la, PTR(o), (size_t)lb);
  set_len(s, la + lb);
  if (bin) RBASIC(s)->flags |= FL_STR_BINARY;
  int c1 = cr_cached(self), c2 = cr_cached(o);
  if (c1 && c2 && c1 != CR_BROKEN && c2 != CR_BROKEN) cr_set(s, c1 > c2 ? c1 : c2);
  keep_alive(o);
  return s;
}

static VALUE str_times(ARGS) {
  UNUSED;
  long n = to_long(vm, argv[0]);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "negative argument");
  long len = LEN(self);
  if (len > 0 && n > STR_MAX / len) kn_raise(vm, vm->eArgumentError, "argument too big");
  long total = len * n;
  VALUE s = str_alloc(vm, vm->cString, total);
  char *d = PTR(s);
  if (total > 0) {
    memcpy(d, PTR(self), (size_t)len);
    long done = len;
    while (done < total) {  /* doubling copies */
      long c = done <= total - done ? done : total - done;
      memcpy(d + done, d, (size_t)c);
      done += c;
    }
  }
  set_len(s, total);
  if (is_binary(self)) RBASIC(s)->flags |= FL_STR_BINARY;
  int cr = cr_cached(self);
  if (cr) cr_set(s, cr);
  return s;
}

/* Appends codepoint c (String#<< with an Integer). */
static void cat_codepoint(VM *vm, VALUE self, VALUE num) {
  if (!FIXNUM_P(num) && !kn_is_type(num, T_BIGNUM)) kn_type_error(vm, num, "Integer");
  if (kn_is_type(num, T_BIGNUM)) kn_raise(vm, vm->eRangeError, "bignum out of char range");
  long c = FIX2LONG(num);
  if (c < 0) kn_raise(vm, vm->eRangeError, "%ld out of char range", c);
  if (is_binary(self)) {
    if (c > 255) kn_raise(vm, vm->eRangeError, "%ld out of char range", c);
    char b = (char)c;
    str_cat_cr(vm, self, &b, 1, CR_UNKNOWN);
    return;
  }
  if (c > 0x10ffff) kn_raise(vm, vm->eRangeError, "%ld out of char range", c);
  if (c >= 0xd800 && c <= 0xdfff) kn_raise(vm, vm->eRangeError, "invalid codepoint 0x%lX in UTF-8", c);
  char buf[4];
  int n = utf8_encode((unsigned)c, buf);
  str_cat_cr(vm, self, buf, n, c < 0x80 ? CR_7BIT : CR_VALID);
}

static VALUE str_ltlt(ARGS) {
  UNUSED;
  VALUE o = argv[0];
  if (RBASIC(self)->flags & FL_FROZEN) kn_frozen_error(vm, self);
  if (is_str(o)) return kn_str_append(vm, self, o);
  if (FIXNUM_P(o) || kn_is_type(o, T_BIGNUM)) { cat_codepoint(vm, self, o); return self; }
  return kn_str_append(vm, self, to_str(vm, o));
}

static VALUE str_concat(ARGS) {
  UNUSED;
  modify(vm, self);
  if (argc == 1) return str_ltlt(vm, self, argc, argv, blk);
  VALUE orig = Qnil;
  for (int i = 0; i < argc; i++) {
    VALUE o = argv[i];
    if (o == self) {
      if (NIL_P(orig)) orig = kn_str_dup(vm, self);
      o = orig;
    }
    if (FIXNUM_P(o) || kn_is_type(o, T_BIGNUM)) cat_codepoint(vm, self, o);
    else kn_str_append(vm, self, to_str(vm, o));
  }
  return self;
}

static VALUE str_prepend(ARGS) {
  UNUSED;
  modify(vm, self);
  if (argc == 0) return self;
  VALUE buf = kn_str_new(vm, "", 0);
  if (is_binary(self)) RBASIC(buf)->flags |= FL_STR_BINARY;
  for (int i = 0; i < argc; i++) kn_str_append(vm, buf, to_str(vm, argv[i]));
  if (is_binary(buf) != is_binary(self) && enc_check(vm, buf, self) != is_binary(self)) {
    if (is_binary(buf)) RBASIC(self)->flags |= FL_STR_BINARY;
    else RBASIC(self)->flags &= ~FL_STR_BINARY;
  }
  splice(vm, self, 0, 0, PTR(buf), LEN(buf));
  keep_alive(buf);
  return self;
}

/* ---- size and indexing ---------------------------------------------------------------------- */

static VALUE str_length(ARGS) { UNUSED; return INT2FIX(str_clen_fast(self)); }
static VALUE str_bytesize(ARGS) { UNUSED; return INT2FIX(LEN(self)); }
static VALUE str_empty(ARGS) { UNUSED; return KN_BOOL(LEN(self) == 0); }

/* One character at character index i (negative from the end), or nil. */
static VALUE char_at(VM *vm, VALUE self, long i) {
  if (single_byte(self)) {
    long len = LEN(self);
    if (i < 0) i += len;
    if (i < 0 || i >= len) return Qnil;
    return str_new_like(vm, self, PTR(self) + i, 1);
  }
  if (i < 0) {
    i += str_clen(self);
    if (i < 0) return Qnil;
  }
  long b = char_to_byte(self, i);
  if (b < 0 || b >= LEN(self)) return Qnil;
  int l = char_len_at(self, PTR(self) + b, PTR(self) + LEN(self));
  return substr_bytes(vm, self, b, l);
}

/* Locates what str[args] denotes (argc 1 or 2, not a Regexp) as a byte range: false for nil. */
static bool aref_locate(VM *vm, VALUE self, int argc, VALUE *argv, long *bo, long *bl) {
  if (argc == 2) {
    long beg = to_long(vm, argv[0]), cnt = to_long(vm, argv[1]);
    if (cnt < 0) return false;
    long clen = str_clen_fast(self);
    if (beg < 0) { beg += clen; if (beg < 0) return false; }
    if (beg > clen) return false;
    return char_range(self, beg, cnt, bo, bl);
  }
  VALUE idx = argv[0];
  if (is_str(idx)) {
    long pos = byte_index(self, PTR(idx), LEN(idx), 0);
    if (pos < 0) return false;
    *bo = pos;
    *bl = LEN(idx);
    return true;
  }
  if (kn_is_type(idx, T_RANGE)) {
    long beg, cnt;
    if (!range_bounds(vm, idx, str_clen_fast(self), &beg, &cnt)) return false;
    return char_range(self, beg, cnt, bo, bl);
  }
  long i = to_long(vm, idx);
  long clen = str_clen_fast(self);
  if (i < 0) i += clen;
  if (i < 0 || i >= clen) return false;
  return char_range(self, i, 1, bo, bl);
}

static VALUE str_aref(ARGS) {
  UNUSED;
  VALUE idx = argv[0];
  if (argc == 1 && FIXNUM_P(idx)) return char_at(vm, self, FIX2LONG(idx));
  if (is_regexp(vm, idx)) return regex_call(vm, self, "__regex_aref", argc, argv);
  if (argc == 1 && is_str(idx)) {
    if (byte_index(self, PTR(idx), LEN(idx), 0) < 0) return Qnil;
    return kn_str_dup(vm, idx);
  }
  long bo, bl;
  if (!aref_locate(vm, self, argc, argv, &bo, &bl)) return Qnil;
  return substr_bytes(vm, self, bo, bl);
}

/* Byte range of capture `group` of the first match of re in self (via String#match and
 * MatchData#begin/#end); raises IndexError "regexp not matched" when there is none. */
static void regex_locate(VM *vm, VALUE self, VALUE re, VALUE group, long *bo, long *bl) {
  VALUE md = kn_funcall(vm, self, kn_intern(vm, "match"), 1, &re);
  if (NIL_P(md)) kn_raise(vm, vm->eIndexError, "regexp not matched");
  VALUE b = kn_funcall(vm, md, kn_intern(vm, "begin"), 1, &group);
  VALUE e = kn_funcall(vm, md, kn_intern(vm, "end"), 1, &group);
  if (NIL_P(b)) {
    VALUE gs = kn_obj_as_string(vm, group);
    kn_raise(vm, vm->eIndexError, "regexp group %s not matched", PTR(gs));
  }
  long cb = to_long(vm, b), ce = to_long(vm, e);
  long x = char_to_byte(self, cb), y = char_to_byte(self, ce);
  if (x < 0) x = LEN(self);
  if (y < 0) y = LEN(self);
  *bo = x;
  *bl = y - x;
}

/* Replaces byte range [bo, bo+bl) of self with val (a String), negotiating encodings. */
static void replace_bytes(VM *vm, VALUE self, long bo, long bl, VALUE val) {
  if (is_binary(val) != is_binary(self)) {
    bool bin = enc_check(vm, self, val);
    if (bin) RBASIC(self)->flags |= FL_STR_BINARY;
    else RBASIC(self)->flags &= ~FL_STR_BINARY;
  }
  if (val == self) val = kn_str_dup(vm, val);
  splice(vm, self, bo, bl, PTR(val), LEN(val));
  keep_alive(val);
}

static VALUE str_aset(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE val = to_str(vm, argv[argc - 1]);
  VALUE idx = argv[0];
  long bo, bl;
  if (is_regexp(vm, idx)) {
    regex_locate(vm, self, idx, argc == 3 ? argv[1] : INT2FIX(0), &bo, &bl);
  } else if (argc == 3) {
    long beg = to_long(vm, idx), cnt = to_long(vm, argv[1]);
    long clen = str_clen_fast(self);
    if (cnt < 0) kn_raise(vm, vm->eIndexError, "negative length %ld", cnt);
    long b0 = beg;
    if (beg < 0) beg += clen;
    if (beg < 0 || beg > clen) kn_raise(vm, vm->eIndexError, "index %ld out of string", b0);
    char_range(self, beg, cnt, &bo, &bl);
  } else if (is_str(idx)) {
    bo = byte_index(self, PTR(idx), LEN(idx), 0);
    if (bo < 0) kn_raise(vm, vm->eIndexError, "string not matched");
    bl = LEN(idx);
  } else if (kn_is_type(idx, T_RANGE)) {
    long beg, cnt;
    if (!range_bounds(vm, idx, str_clen_fast(self), &beg, &cnt)) {
      VALUE rs = kn_inspect(vm, idx);
      kn_raise(vm, vm->eRangeError, "%s out of range", PTR(rs));
    }
    char_range(self, beg, cnt, &bo, &bl);
  } else {
    long i = to_long(vm, idx);
    long clen = str_clen_fast(self);
    long i0 = i;
    if (i < 0) i += clen;
    if (i < 0 || i >= clen) kn_raise(vm, vm->eIndexError, "index %ld out of string", i0);
    char_range(self, i, 1, &bo, &bl);
  }
  replace_bytes(vm, self, bo, bl, val);
  return argv[argc - 1];
}

static VALUE str_slice_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  long bo, bl;
  VALUE idx = argv[0];
  if (is_regexp(vm, idx)) {
    VALUE md = kn_funcall(vm, self, kn_intern(vm, "match"), 1, &idx);
    if (NIL_P(md)) return Qnil;
    VALUE g = argc == 2 ? argv[1] : INT2FIX(0);
    if (NIL_P(kn_funcall(vm, md, kn_intern(vm, "begin"), 1, &g))) return Qnil;
    regex_locate(vm, self, idx, g, &bo, &bl);
  } else if (!aref_locate(vm, self, argc, argv, &bo, &bl)) {
    return Qnil;
  }
  VALUE r = substr_bytes(vm, self, bo, bl);
  splice(vm, self, bo, bl, NULL, 0);
  return r;
}

static VALUE str_insert(ARGS) {
  UNUSED;
  modify(vm, self);
  long i = to_long(vm, argv[0]);
  VALUE val = to_str(vm, argv[1]);
  long clen = str_clen_fast(self);
  long i0 = i;
  if (i == -1) i = clen;
  else if (i < 0) i += clen + 1;
  if (i < 0 || i > clen) kn_raise(vm, vm->eIndexError, "index %ld out of string", i0);
  long bo = char_to_byte(self, i);
  replace_bytes(vm, self, bo, 0, val);
  return self;
}

static VALUE str_getbyte(ARGS) {
  UNUSED;
  long i = to_long(vm, argv[0]);
  if (i < 0) i += LEN(self);
  if (i < 0 || i >= LEN(self)) return Qnil;
  return INT2FIX((unsigned char)PTR(self)[i]);
}

static VALUE str_setbyte(ARGS) {
  UNUSED;
  modify(vm, self);
  long i = to_long(vm, argv[0]), i0 = i;
  long b = to_long(vm, argv[1]);
  if (i < 0) i += LEN(self);
  if (i < 0 || i >= LEN(self))
    kn_raise(vm, vm->eIndexError, "index %ld out of string", i0);
  PTR(self)[i] = (char)(b & 0xff);
  return argv[1];
}

static VALUE str_byteslice(ARGS) {
  UNUSED;
  long len = LEN(self), beg, cnt;
  if (argc == 2) {
    beg = to_long(vm, argv[0]);
    cnt = to_long(vm, argv[1]);
    if (cnt < 0) return Qnil;
    if (beg < 0) { beg += len; if (beg < 0) return Qnil; }
    if (beg > len) return Qnil;
    if (cnt > len - beg) cnt = len - beg;
  } else if (kn_is_type(argv[0], T_RANGE)) {
    if (!range_bounds(vm, argv[0], len, &beg, &cnt)) return Qnil;
  } else {
    beg = to_long(vm, argv[0]);
    if (beg < 0) beg += len;
    if (beg < 0 || beg >= len) return Qnil;
    cnt = 1;
  }
  return substr_bytes(vm, self, beg, cnt);
}

static VALUE str_chr(ARGS) {
  UNUSED;
  if (LEN(self) == 0) return str_new_like(vm, self, "", 0);
  int l = char_len_at(self, PTR(self), PTR(self) + LEN(self));
  return substr_bytes(vm, self, 0, l);
}

static VALUE str_ord(ARGS) {
  UNUSED;
  if (LEN(self) == 0) kn_raise(vm, vm->eArgumentError, "empty string");
  const unsigned char *p = (const unsigned char *)PTR(self);
  if (is_binary(self) || *p < 0x80) return INT2FIX(*p);
  int l = utf8_len(p, p + LEN(self));
  if (l == 1) kn_raise(vm, vm->eArgumentError, "invalid byte sequence in UTF-8");
  return INT2FIX(utf8_decode(p, l));
}

static VALUE str_clear(ARGS) {
  UNUSED;
  modify(vm, self);
  set_len(self, 0);
  return self;
}

/* ---- searching -------------------------------------------------------------------------------- */

static VALUE str_include(ARGS) {
  UNUSED;
  VALUE o = to_str(vm, argv[0]);
  return KN_BOOL(byte_index(self, PTR(o), LEN(o), 0) >= 0);
}

static bool boundary_at(VALUE s, long b) {
  return b >= LEN(s) || single_byte(s) || ((unsigned char)PTR(s)[b] & 0xc0) != 0x80;
}

static VALUE str_start_with(ARGS) {
  UNUSED;
  for (int i = 0; i < argc; i++) {
    VALUE o = argv[i];
    if (is_regexp(vm, o)) {
      if (RTEST(regex_call(vm, self, "__regex_start_with", 1, &o))) return Qtrue;
      continue;
    }
    o = to_str(vm, o);
    long n = LEN(o);
    if (n <= LEN(self) && memcmp(PTR(self), PTR(o), (size_t)n) == 0) return Qtrue;  /* 3.1: no boundary check */
  }
  return Qfalse;
}

static VALUE str_end_with(ARGS) {
  UNUSED;
  for (int i = 0; i < argc; i++) {
    VALUE o = to_str(vm, argv[i]);
    long n = LEN(o), off = LEN(self) - n;
    if (off >= 0 && memcmp(PTR(self) + off, PTR(o), (size_t)n) == 0 && boundary_at(self, off)) return Qtrue;
  }
  return Qfalse;
}

static VALUE str_index(ARGS) {
  UNUSED;
  if (is_regexp(vm, argv[0])) return regex_call(vm, self, "__regex_index", argc, argv);
  VALUE o = to_str(vm, argv[0]);
  long start = argc > 1 ? to_long(vm, argv[1]) : 0;
  if (start < 0) {
    start += str_clen_fast(self);
    if (start < 0) return Qnil;
  }
  long b = char_to_byte(self, start);
  if (b < 0) return Qnil;
  long pos = byte_index(self, PTR(o), LEN(o), b);
  if (pos < 0) return Qnil;
  return INT2FIX(byte_to_char(self, pos));
}

static VALUE str_rindex(ARGS) {
  UNUSED;
  if (is_regexp(vm, argv[0])) return regex_call(vm, self, "__regex_rindex", argc, argv);
  VALUE o = to_str(vm, argv[0]);
  long clen = str_clen_fast(self);
  long start = clen;
  if (argc > 1) {
    start = to_long(vm, argv[1]);
    if (start < 0) {
      start += clen;
      if (start < 0) return Qnil;
    }
    if (start > clen) start = clen;
  }
  long b = char_to_byte(self, start);
  long pos = byte_rindex(self, PTR(o), LEN(o), b);
  if (pos < 0) return Qnil;
  return INT2FIX(byte_to_char(self, pos));
}

static VALUE str_partition(ARGS) {
  UNUSED;
  VALUE sep = argv[0];
  if (is_regexp(vm, sep)) {
    VALUE md = kn_funcall(vm, self, kn_intern(vm, "match"), 1, &sep);
    if (NIL_P(md))
      return kn_ary_new_values(vm, 3, kn_str_dup(vm, self), str_new_like(vm, self, "", 0), str_new_like(vm, self, "", 0));
    VALUE zero = INT2FIX(0);
    return kn_ary_new_values(vm, 3, kn_funcall(vm, md, kn_intern(vm, "pre_match"), 0, NULL),
                             kn_funcall(vm, md, vm->id_aref, 1, &zero),
                             kn_funcall(vm, md, kn_intern(vm, "post_match"), 0, NULL));
  }
  sep = to_str(vm, sep);
  long pos = byte_index(self, PTR(sep), LEN(sep), 0);
  if (pos < 0)
    return kn_ary_new_values(vm, 3, kn_str_dup(vm, self), str_new_like(vm, self, "", 0), str_new_like(vm, self, "", 0));
  long e = pos + LEN(sep);
  return kn_ary_new_values(vm, 3, substr_bytes(vm, self, 0, pos), kn_str_dup(vm, sep),
                           substr_bytes(vm, self, e, LEN(self) - e));
}

static VALUE str_rpartition(ARGS) {
  UNUSED;
  VALUE sep = argv[0];
  if (is_regexp(vm, sep)) {
    VALUE pos = regex_call(vm, self, "__regex_rindex", 1, &sep);
    if (NIL_P(pos) || NIL_P(vm->last_match))
      return kn_ary_new_values(vm, 3, str_new_like(vm, self, "", 0), str_new_like(vm, self, "", 0), kn_str_dup(vm, self));
    VALUE md = vm->last_match, zero = INT2FIX(0);
    return kn_ary_new_values(vm, 3, kn_funcall(vm, md, kn_intern(vm, "pre_match"), 0, NULL),
                             kn_funcall(vm, md, vm->id_aref, 1, &zero),
                             kn_funcall(vm, md, kn_intern(vm, "post_match"), 0, NULL));
  }
  sep = to_str(vm, sep);
  long pos = byte_rindex(self, PTR(sep), LEN(sep), LEN(self));
  if (pos < 0)
    return kn_ary_new_values(vm, 3, str_new_like(vm, self, "", 0), str_new_like(vm, self, "", 0), kn_str_dup(vm, self));
  long e = pos + LEN(sep);
  return kn_ary_new_values(vm, 3, substr_bytes(vm, self, 0, pos), kn_str_dup(vm, sep),
                           substr_bytes(vm, self, e, LEN(self) - e));
}

static VALUE str_delete_prefix(ARGS) {
  UNUSED;
  VALUE o = to_str(vm, argv[0]);
  long n = LEN(o);
  if (n <= LEN(self) && memcmp(PTR(self), PTR(o), (size_t)n) == 0 && boundary_at(self, n))
    return substr_bytes(vm, self, n, LEN(self) - n);
  return kn_str_dup(vm, self);
}
static VALUE str_delete_prefix_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE o = to_str(vm, argv[0]);
  long n = LEN(o);
  if (n == 0 || n > LEN(self) || memcmp(PTR(self), PTR(o), (size_t)n) != 0 || !boundary_at(self, n)) return Qnil;
  splice(vm, self, 0, n, NULL, 0);
  return self;
}
static VALUE str_delete_suffix(ARGS) {
  UNUSED;
  VALUE o = to_str(vm, argv[0]);
  long n = LEN(o), off = LEN(self) - n;
  if (off >= 0 && memcmp(PTR(self) + off, PTR(o), (size_t)n) == 0 && boundary_at(self, off))
    return substr_bytes(vm, self, 0, off);
  return kn_str_dup(vm, self);
}
static VALUE str_delete_suffix_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE o = to_str(vm, argv[0]);
  long n = LEN(o), off = LEN(self) - n;
  if (n == 0 || off < 0 || memcmp(PTR(self) + off, PTR(o), (size_t)n) != 0 || !boundary_at(self, off)) return Qnil;
  set_len(self, off);
  return self;
}

/* ---- case mapping ------------------------------------------------------------------------------
 * CRuby 3.1's default: full Unicode case mapping, character by character (no final-sigma or
 * other context rule). ASCII-only and binary strings (and the :ascii option) take a bytewise
 * path that maps ASCII letters only; everything else is decoded and looked up in
 * casemap.h, generated from CRuby itself by tools/gen-casemap.rb. A mapping may change a
 * character's byte length and may answer several characters ("ß".upcase is "SS"). */

#include "casemap.h"

enum { CASE_UP, CASE_DOWN, CASE_SWAP, CASE_CAP };
enum { CO_ASCII = 1, CO_TURKIC = 2, CO_FOLD = 4 };  /* option bits (case_opts) */

/* Writes the CM_* column col of codepoint c (>= 0x80) to out; returns how many codepoints
 * (1..3). A codepoint the table does not list maps to itself. */
static int casemap_lookup(unsigned c, int col, unsigned out[3]) {
  size_t lo = 0, hi = sizeof casemap_ranges / sizeof casemap_ranges[0];
  while (lo < hi) {  /* lo: the first run starting after c */
    size_t mid = (lo + hi) / 2;
    if (casemap_ranges[mid].first <= c) lo = mid + 1;
    else hi = mid;
  }
  out[0] = c;
  if (lo == 0) return 1;
  const CaseRange *r = &casemap_ranges[lo - 1];
  uint32_t off = c - r->first;
  if (off >= r->count) return 1;
  int32_t v = casemap_recs[r->rec[off & 1]][col];
  if (v < CM_MULTI) { out[0] = (unsigned)((int32_t)c + v); return 1; }
  const uint32_t *m = casemap_multi + (v - CM_MULTI);
  for (uint32_t i = 0; i < m[0]; i++) out[i] = m[1 + i];
  return (int)m[0];
}

/* Column col of codepoint c, any c: ASCII inline, the dotted/dotless i of :turkic. */
static int case_char(unsigned c, int col, bool turkic, unsigned out[3]) {
  out[0] = c;
  bool up = col == CM_UP || col == CM_TITLE || col == CM_SWAP;
  bool down = col == CM_DOWN || col == CM_FOLD || col == CM_SWAP;
  if (c < 0x80) {
    if (up && c >= 'a' && c <= 'z') out[0] = turkic && c == 'i' ? 0x130 : c - 32;
    else if (down && c >= 'A' && c <= 'Z') out[0] = turkic && c == 'I' ? 0x131 : c + 32;
    return 1;
  }
  if (turkic && c == 0x130) {  /* İ: plain "i" rather than "i" + U+0307 */
    if (down) out[0] = 'i';
    return 1;
  }
  return casemap_lookup(c, col, out);
}

/* The bytewise path: ASCII letters only, every other byte kept. */
static VALUE case_map_ascii(VM *vm, VALUE self, int mode) {
  long len = LEN(self);
  VALUE out = str_alloc(vm, vm->cString, len);
  if (is_binary(self)) RBASIC(out)->flags |= FL_STR_BINARY;
  const unsigned char *p = (const unsigned char *)PTR(self);
  unsigned char *d = (unsigned char *)PTR(out);
  bool changed = false;
  for (long i = 0; i < len; i++) {
    unsigned char c = p[i], m = c;
    bool up = mode == CASE_UP || mode == CASE_SWAP || (mode == CASE_CAP && i == 0);
    bool down = mode == CASE_DOWN || mode == CASE_SWAP || (mode == CASE_CAP && i > 0);
    if (up && c >= 'a' && c <= 'z') m = c - 32;
    else if (down && c >= 'A' && c <= 'Z') m = c + 32;
    changed |= m != c;
    d[i] = m;
  }
  set_len(out, len);
  keep_alive(self);
  return changed ? out : Qnil;
}

/* Case-maps self into a new String; returns Qnil when nothing changes. Raises ArgumentError
 * "input string invalid" for a UTF-8 string holding bytes that spell no character (unless
 * :ascii), before anything is written. */
static VALUE case_map(VM *vm, VALUE self, int mode, int opts) {
  if (is_binary(self) || (opts & CO_ASCII) || (!(opts & CO_TURKIC) && is_7bit(self)))
    return case_map_ascii(vm, self, mode);
  if (str_cr(self) == CR_BROKEN) kn_raise(vm, vm->eArgumentError, "input string invalid");
  long len = LEN(self);
  VALUE out = str_alloc(vm, vm->cString, len);
  bool changed = false, turkic = (opts & CO_TURKIC) != 0;
  int col = mode == CASE_UP ? CM_UP : mode == CASE_SWAP ? CM_SWAP : mode == CASE_CAP ? CM_TITLE
          : (opts & CO_FOLD) ? CM_FOLD : CM_DOWN;
  long n = 0;  /* bytes written to out */
  for (long i = 0; i < len;) {
    const unsigned char *q = (const unsigned char *)PTR(self) + i;
    int l = utf8_len(q, (const unsigned char *)PTR(self) + len);
    unsigned c = utf8_decode(q, l), m[3];
    int k = case_char(c, col, turkic, m);
    if (mode == CASE_CAP) col = CM_DOWN;  /* the first character only takes title case */
    if (k == 1 && m[0] == c) {
      memcpy(PTR(out) + n, q, (size_t)l);
      n += l;
    } else {
      changed = true;
      char buf[12];
      int ml = 0;
      for (int j = 0; j < k; j++) ml += utf8_encode(m[j], buf + ml);
      set_len(out, n);  /* str_reserve keeps the bytes the String says it holds */
      str_reserve(vm, out, n + ml + (len - i - l));
      memcpy(PTR(out) + n, buf, (size_t)ml);
      n += ml;
    }
    i += l;
  }
  set_len(out, n);
  keep_alive(self);
  return changed ? out : Qnil;
}

/* The options of the case methods, as CRuby checks them: :ascii alone, :turkic and
 * :lithuanian alone or together, :fold alone and for downcase only. Anything else, a
 * non-Symbol included, is an ArgumentError. */
static int case_opts(VM *vm, int mode, int argc, VALUE *argv) {
  if (argc == 0) return 0;
  if (argc > 2) kn_raise(vm, vm->eArgumentError, "too many options");
  VALUE sym_ascii = ID2SYM(kn_intern(vm, "ascii")), sym_turkic = ID2SYM(kn_intern(vm, "turkic"));
  VALUE sym_lith = ID2SYM(kn_intern(vm, "lithuanian")), sym_fold = ID2SYM(kn_intern(vm, "fold"));
  if (argv[0] == sym_ascii) {
    if (argc == 2) kn_raise(vm, vm->eArgumentError, "too many options");
    return CO_ASCII;
  }
  if (argv[0] == sym_turkic || argv[0] == sym_lith) {  /* :lithuanian changes nothing */
    if (argc == 2 && argv[1] != (argv[0] == sym_turkic ? sym_lith : sym_turkic))
      kn_raise(vm, vm->eArgumentError, "invalid second option");
    return argv[0] == sym_turkic || argc == 2 ? CO_TURKIC : 0;
  }
  if (argc == 2) kn_raise(vm, vm->eArgumentError, "too many options");
  if (argv[0] == sym_fold) {
    if (mode != CASE_DOWN) kn_raise(vm, vm->eArgumentError, "option :fold only allowed for downcasing");
    return CO_FOLD;
  }
  kn_raise(vm, vm->eArgumentError, "invalid option");
}

/* casecmp?: equal after full case folding (downcase(:fold) of both sides). */
static VALUE str_casecmp_p(ARGS) {
  UNUSED;
  VALUE o = casecmp_arg(vm, argv[0]);
  if (NIL_P(o) || !enc_compatible(self, o)) return Qnil;
  VALUE a = case_map(vm, self, CASE_DOWN, CO_FOLD), b = case_map(vm, o, CASE_DOWN, CO_FOLD);
  if (NIL_P(a)) a = self;
  if (NIL_P(b)) b = o;
  bool eq = LEN(a) == LEN(b) && memcmp(PTR(a), PTR(b), (size_t)LEN(a)) == 0;
  keep_alive(a);
  keep_alive(b);
  return KN_BOOL(eq);
}

static VALUE case_copy(VM *vm, VALUE self, int mode, int argc, VALUE *argv) {
  VALUE r = case_map(vm, self, mode, case_opts(vm, mode, argc, argv));
  return NIL_P(r) ? kn_str_dup(vm, self) : r;
}
static VALUE case_bang(VM *vm, VALUE self, int mode, int argc, VALUE *argv) {
  int opts = case_opts(vm, mode, argc, argv);
  modify(vm, self);
  VALUE r = case_map(vm, self, mode, opts);
  if (NIL_P(r)) return Qnil;
  str_replace_with(vm, self, r);
  return self;
}
static VALUE str_upcase(ARGS) { UNUSED; return case_copy(vm, self, CASE_UP, argc, argv); }
static VALUE str_downcase(ARGS) { UNUSED; return case_copy(vm, self, CASE_DOWN, argc, argv); }
static VALUE str_swapcase(ARGS) { UNUSED; return case_copy(vm, self, CASE_SWAP, argc, argv); }
static VALUE str_capitalize(ARGS) { UNUSED; return case_copy(vm, self, CASE_CAP, argc, argv); }
static VALUE str_upcase_bang(ARGS) { UNUSED; return case_bang(vm, self, CASE_UP, argc, argv); }
static VALUE str_downcase_bang(ARGS) { UNUSED; return case_bang(vm, self, CASE_DOWN, argc, argv); }
static VALUE str_swapcase_bang(ARGS) { UNUSED; return case_bang(vm, self, CASE_SWAP, argc, argv); }
static VALUE str_capitalize_bang(ARGS) { UNUSED; return case_bang(vm, self, CASE_CAP, argc, argv); }

/* ---- strip / chomp / chop ------------------------------------------------------------------- */

static inline bool strip_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || c == 0; }

static void strip_bounds(VALUE s, bool left, bool right, long *from, long *to) {
  const char *p = PTR(s);
  long b = 0, e = LEN(s);
  if (left) while (b < e && strip_space((unsigned char)p[b])) b++;
  if (right) while (e > b && strip_space((unsigned char)p[e - 1])) e--;
  *from = b;
  *to = e;
}

static VALUE strip_copy(VM *vm, VALUE self, bool l, bool r) {
  long b, e;
  strip_bounds(self, l, r, &b, &e);
  return substr_bytes(vm, self, b, e - b);
}
static VALUE strip_bang(VM *vm, VALUE self, bool l, bool r) {
  modify(vm, self);
  long b, e;
  strip_bounds(self, l, r, &b, &e);
  if (b == 0 && e == LEN(self)) return Qnil;
  if (b > 0) memmove(PTR(self), PTR(self) + b, (size_t)(e - b));
  set_len(self, e - b);
  return self;
}
static VALUE str_strip(ARGS) { UNUSED; return strip_copy(vm, self, true, true); }
static VALUE str_lstrip(ARGS) { UNUSED; return strip_copy(vm, self, true, false); }
static VALUE str_rstrip(ARGS) { UNUSED; return strip_copy(vm, self, false, true); }
static VALUE str_strip_bang(ARGS) { UNUSED; return strip_bang(vm, self, true, true); }
static VALUE str_lstrip_bang(ARGS) { UNUSED; return strip_bang(vm, self, true, false); }
static VALUE str_rstrip_bang(ARGS) { UNUSED; return strip_bang(vm, self, false, true); }

static VALUE default_rs(VM *vm) { return kn_gvar_get(vm, kn_intern(vm, "$/")); }

/* New length of s after chomp(rs) (rs: String or nil for no change). */
static long chomp_len(VALUE s, VALUE rs) {
  const char *p = PTR(s);
  long n = LEN(s);
  if (NIL_P(rs) || n == 0) return n;
  long rl = LEN(rs);
  const char *r = PTR(rs);
  if (rl == 0) {  /* paragraph: all trailing \n / \r\n */
    while (n > 0 && p[n - 1] == '\n') {
      n--;
      if (n > 0 && p[n - 1] == '\r') n--;
    }
    return n;
  }
  if (rl == 1 && r[0] == '\n') {
    if (p[n - 1] == '\n') {
      n--;
      if (n > 0 && p[n - 1] == '\r') n--;
    } else if (p[n - 1] == '\r') {
      n--;
    }
    return n;
  }
  if (rl <= n && memcmp(p + n - rl, r, (size_t)rl) == 0) return n - rl;
  return n;
}

static VALUE chomp_arg(VM *vm, int argc, VALUE *argv) {
  if (argc == 0) {
    VALUE rs = default_rs(vm);
    return is_str(rs) ? rs : NIL_P(rs) ? Qnil : kn_str_new(vm, "\n", 1);
  }
  return NIL_P(argv[0]) ? Qnil : to_str(vm, argv[0]);
}

static VALUE str_chomp(ARGS) {
  UNUSED;
  VALUE rs = chomp_arg(vm, argc, argv);
  return substr_bytes(vm, self, 0, chomp_len(self, rs));
}
static VALUE str_chomp_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE rs = chomp_arg(vm, argc, argv);
  long n = chomp_len(self, rs);
  if (n == LEN(self)) return Qnil;
  set_len(self, n);
  return self;
}

static long chop_len(VALUE s) {
  long n = LEN(s);
  if (n == 0) return 0;
  const char *p = PTR(s);
  if (n >= 2 && p[n - 1] == '\n' && p[n - 2] == '\r') return n - 2;
  if (single_byte(s) || (unsigned char)p[n - 1] < 0x80) return n - 1;
  /* back up over one character: find the last start whose length reaches the end */
  long b = n - 1;
  for (long k = n - 1; k >= 0 && k >= n - 4; k--) {
    if (((unsigned char)p[k] & 0xc0) != 0x80) {
      if (k + utf8_len((const unsigned char *)p + k, (const unsigned char *)p + n) == n) b = k;
      break;
    }
  }
  return b;
}
static VALUE str_chop(ARGS) { UNUSED; return substr_bytes(vm, self, 0, chop_len(self)); }
static VALUE str_chop_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  if (LEN(self) == 0) return Qnil;
  set_len(self, chop_len(self));
  return self;
}

/* ---- reverse, justify ------------------------------------------------------------------------- */

static VALUE reverse_value(VM *vm, VALUE self) {
  long n = LEN(self);
  VALUE out = str_alloc(vm, vm->cString, n);
  if (is_binary(self)) RBASIC(out)->flags |= FL_STR_BINARY;
  const char *p = PTR(self);
  char *d = PTR(out);
  if (single_byte(self)) {
    for (long i = 0; i < n; i++) d[n - 1 - i] = p[i];
  } else {
    const char *e = p + n;
    long w = n;
    for (const char *q = p; q < e;) {
      int l = char_len_at(self, q, e);
      w -= l;
      memcpy(d + w, q, (size_t)l);
      q += l;
    }
  }
  set_len(out, n);
  int cr = cr_cached(self);
  if (cr) cr_set(out, cr);
  keep_alive(self);
  return out;
}
static VALUE str_reverse(ARGS) { UNUSED; return reverse_value(vm, self); }
static VALUE str_reverse_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  if (LEN(self) > 1) str_replace_with(vm, self, reverse_value(vm, self));
  return self;
}

/* Appends `count` characters of the pad string (cycling) to out. */
static void cat_pad(VM *vm, VALUE out, VALUE pad, long count) {
  if (count <= 0) return;
  if (single_byte(pad)) {
    long pl = LEN(pad);
    while (count > 0) {
      long c = count < pl ? count : pl;
      str_cat_cr(vm, out, PTR(pad), c, CR_UNKNOWN);
      count -= c;
    }
    return;
  }
  const char *p = PTR(pad), *e = p + LEN(pad);
  while (count > 0) {
    for (const char *q = p; q < e && count > 0; count--) {
      int l = char_len_at(pad, q, e);
      str_cat_cr(vm, out, q, l, CR_UNKNOWN);
      q += l;
    }
  }
}

static VALUE justify(VM *vm, VALUE self, int argc, VALUE *argv, char how) {
  long width = to_long(vm, argv[0]);
  VALUE pad = argc > 1 ? to_str(vm, argv[1]) : Qnil;
  if (!NIL_P(pad) && LEN(pad) == 0) kn_raise(vm, vm->eArgumentError, "zero width padding");
  long clen = str_clen_fast(self);
  if (width <= clen) return kn_str_dup(vm, self);
  if (NIL_P(pad)) pad = kn_str_new(vm, " ", 1);
  long total = width - clen, left = 0, right = 0;
  if (how == 'l') right = total;
  else if (how == 'r') left = total;
  else { left = total / 2; right = total - left; }
  VALUE out = str_alloc(vm, vm->cString, LEN(self) + total);
  if (is_binary(self)) RBASIC(out)->flags |= FL_STR_BINARY;
  cat_pad(vm, out, pad, left);
  str_cat_cr(vm, out, PTR(self), LEN(self), CR_UNKNOWN);
  cat_pad(vm, out, pad, right);
  keep_alive(pad);
  return out;
}
static VALUE str_ljust(ARGS) { UNUSED; return justify(vm, self, argc, argv, 'l'); }
static VALUE str_rjust(ARGS) { UNUSED; return justify(vm, self, argc, argv, 'r'); }
static VALUE str_center(ARGS) { UNUSED; return justify(vm, self, argc, argv, 'c'); }

/* ---- succ, upto ----------------------------------------------------------------------------- */

static inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline bool is_alnum(unsigned char c) { return is_digit(c) || is_alpha(c); }

/* CRuby's String#succ: increments the rightmost alphanumeric (carrying leftwards across
 * alphanumerics of the same kind, a carry out inserts a new digit/letter), or when there
 * is none, the rightmost character. */
static VALUE succ_value(VM *vm, VALUE self) {
  long n = LEN(self);
  VALUE out = str_new_like(vm, self, PTR(self), n);
  if (n == 0) return out;
  char *p = PTR(out);
  long last_alnum = -1, carry_pos = -1;
  char carry = 0;
  bool prev_nonalnum = false, any_alnum = false;
  for (long i = n - 1; i >= 0; i--) {
    unsigned char c = (unsigned char)p[i];
    if (!is_alnum(c)) {
      if (any_alnum) prev_nonalnum = true;
      continue;
    }
    if (prev_nonalnum && last_alnum >= 0) {
      unsigned char la = (unsigned char)p[last_alnum];
      if (is_alpha(la) ? is_digit(c) : is_alpha(c)) break;
    }
    prev_nonalnum = false;
    any_alnum = true;
    if (c == '9') { p[i] = '0'; carry = '1'; }
    else if (c == 'z') { p[i] = 'a'; carry = 'a'; }
    else if (c == 'Z') { p[i] = 'A'; carry = 'A'; }
    else { p[i] = (char)(c + 1); return out; }
    last_alnum = i;
    carry_pos = i;
  }
  if (any_alnum) {
    splice(vm, out, carry_pos, 0, &carry, 1);
    return out;
  }
  /* no alphanumerics: increment the last character */
  if (is_binary(self) || is_7bit(self) || str_cr(self) == CR_BROKEN) {
    long i = n - 1;
    while (i >= 0 && (unsigned char)p[i] == 0xff) { p[i] = 0; i--; }
    if (i < 0) {
      char one = 1;
      splice(vm, out, 0, 0, &one, 1);
    } else {
      p[i]++;
    }
    cr_clear(out);
    return out;
  }
  const unsigned char *u = (const unsigned char *)p, *e = u + n, *lastc = u;
  for (const unsigned char *q = u; q < e;) { lastc = q; q += utf8_len(q, e); }
  int l = (int)(e - lastc);
  unsigned c = utf8_decode(lastc, l) + 1;
  if (c >= 0xd800 && c <= 0xdfff) c = 0xe000;
  if (c > 0x10ffff) c = 0;
  char buf[4];
  int bl = utf8_encode(c, buf);
  splice(vm, out, (long)(lastc - u), l, buf, bl);
  return out;
}
static VALUE str_succ(ARGS) { UNUSED; return succ_value(vm, self); }
static VALUE str_succ_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  str_replace_with(vm, self, succ_value(vm, self));
  return self;
}

static bool all_digits(VALUE s) {
  if (LEN(s) == 0) return false;
  for (long i = 0; i < LEN(s); i++) if (!is_digit((unsigned char)PTR(s)[i])) return false;
  return true;
}

static VALUE str_upto(ARGS) {
  RETURN_ENUM("upto");
  VALUE last = to_str(vm, argv[0]);
  bool excl = argc > 1 && RTEST(argv[1]);
  /* single ASCII characters: by byte */
  if (LEN(self) == 1 && LEN(last) == 1 && (unsigned char)PTR(self)[0] < 0x80 && (unsigned char)PTR(last)[0] < 0x80) {
    unsigned char c = (unsigned char)PTR(self)[0], e = (unsigned char)PTR(last)[0];
    if (c > e || (excl && c == e)) return self;
    for (;;) {
      char b = (char)c;
      kn_yield1(vm, blk, kn_str_new(vm, &b, 1));
      if (!excl && c == e) break;
      c++;
      if (excl && c == e) break;
    }
    return self;
  }
  /* both all digits: numeric, formatted to the width of self */
  if (all_digits(self) && all_digits(last) && LEN(self) <= 18 && LEN(last) <= 18) {
    long a = strtol(PTR(self), NULL, 10), b = strtol(PTR(last), NULL, 10);
    int width = (int)LEN(self);
    for (long i = a; excl ? i < b : i <= b; i++) {
      VALUE s = kn_str_printf(vm, "%.*ld", width, i);
      kn_yield1(vm, blk, s);
    }
    return self;
  }
  int n = str_cmp(self, last);
  if (n > 0 || (excl && n == 0)) return self;
  VALUE cur = kn_str_dup(vm, self);
  long maxlen = LEN(last);
  for (;;) {
    VALUE next = succ_value(vm, cur);
    bool at_end = kn_str_equal(cur, last);
    if (excl && at_end) break;
    kn_yield1(vm, blk, cur);
    if (at_end || LEN(next) > maxlen || LEN(next) == 0) break;
    cur = next;
  }
  return self;
}

/* ---- character sets: tr, tr_s, delete, squeeze, count ---------------------------------------
 * A set string like "a-z", "^aeiou", "\\-x" is parsed into ranges of codepoints (bytes for
 * binary strings), kept in order for tr's positional mapping. Codepoints below 256 are
 * answered from a table built once per call. */

typedef struct CRange { unsigned lo, hi; } CRange;
typedef struct CharSet {
  bool neg;
  int n, capa;
  CRange *r;
  long count;          /* characters in the expanded sequence */
  CRange inl[8];
} CharSet;

static void cs_free(CharSet *cs) { if (cs->r != cs->inl) free(cs->r); }

static void cs_add(CharSet *cs, unsigned lo, unsigned hi) {
  if (cs->n == cs->capa) {
    int nc = cs->capa * 2;
    CRange *r = kn_xmalloc(sizeof(CRange) * (size_t)nc);
    memcpy(r, cs->r, sizeof(CRange) * (size_t)cs->n);
    if (cs->r != cs->inl) free(cs->r);
    cs->r = r;
    cs->capa = nc;
  }
  cs->r[cs->n].lo = lo;
  cs->r[cs->n].hi = hi;
  cs->n++;
  cs->count += (long)(hi - lo) + 1;
}

/* Reads the character at *pp (as a codepoint, or a byte for binary / invalid sequences). */
static unsigned next_cp(const unsigned char **pp, const unsigned char *e, bool binary) {
  const unsigned char *p = *pp;
  if (binary || *p < 0x80) { *pp = p + 1; return *p; }
  int l = utf8_len(p, e);
  *pp = p + l;
  return l > 1 ? utf8_decode(p, l) : *p;
}

/* Parses set string s into cs. allow_neg: a leading ^ (with more after it) negates. */
static void cs_parse(VM *vm, CharSet *cs, VALUE s, bool allow_neg, bool binary) {
  cs->neg = false;
  cs->n = 0;
  cs->capa = 8;
  cs->r = cs->inl;
  cs->count = 0;
  const unsigned char *p = (const unsigned char *)PTR(s), *e = p + LEN(s);
  if (allow_neg && e - p > 1 && *p == '^') { cs->neg = true; p++; }
  while (p < e) {
    bool esc = false;
    if (*p == '\\' && p + 1 < e) { p++; esc = true; }
    (void)esc;
    unsigned lo = next_cp(&p, e, binary);
    if (p + 1 < e && *p == '-') {
      const unsigned char *q = p + 1;
      if (*q == '\\' && q + 1 < e) q++;
      unsigned hi = next_cp(&q, e, binary);
      if (hi < lo) {
        char a[8], b[8];
        int al = lo < 0x80 || binary ? (a[0] = (char)lo, 1) : utf8_encode(lo, a);
        int bl = hi < 0x80 || binary ? (b[0] = (char)hi, 1) : utf8_encode(hi, b);
        a[al] = 0;
        b[bl] = 0;
        cs_free(cs);
        kn_raise(vm, vm->eArgumentError, "invalid range \"%s-%s\" in string transliteration", a, b);
      }
      cs_add(cs, lo, hi);
      p = q;
    } else {
      cs_add(cs, lo, lo);
    }
  }
}

static bool cs_has(const CharSet *cs, unsigned c) {
  bool in = false;
  for (int i = 0; i < cs->n; i++)
    if (c >= cs->r[i].lo && c <= cs->r[i].hi) { in = true; break; }
  return in != cs->neg;
}

/* Position of c in the expanded sequence (the last occurrence wins, as in CRuby), or -1. */
static long cs_pos(const CharSet *cs, unsigned c) {
  long base = cs->count;
  for (int i = cs->n - 1; i >= 0; i--) {
    base -= (long)(cs->r[i].hi - cs->r[i].lo) + 1;
    if (c >= cs->r[i].lo && c <= cs->r[i].hi) return base + (long)(c - cs->r[i].lo);
  }
  return -1;
}

static unsigned cs_at(const CharSet *cs, long pos) {
  for (int i = 0; i < cs->n; i++) {
    long w = (long)(cs->r[i].hi - cs->r[i].lo) + 1;
    if (pos < w) return cs->r[i].lo + (unsigned)pos;
    pos -= w;
  }
  return cs->r[cs->n - 1].hi;
}

/* A predicate over several sets (their intersection), with a table for c < 256. */
typedef struct SetPred {
  CharSet sets[4];
  CharSet *many;
  int n;
  unsigned char tbl[256];
} SetPred;

static void pred_init(VM *vm, SetPred *sp, VALUE self, int argc, VALUE *argv) {
  bool bin = is_binary(self);
  sp->n = argc;
  sp->many = argc > 4 ? kn_xcalloc((size_t)argc, sizeof(CharSet)) : sp->sets;
  for (int i = 0; i < argc; i++) {
    VALUE s = to_str(vm, argv[i]);
    cs_parse(vm, &sp->many[i], s, true, bin);
  }
  for (unsigned c = 0; c < 256; c++) {
    bool in = true;
    for (int i = 0; i < argc && in; i++) in = cs_has(&sp->many[i], c);
    sp->tbl[c] = in;
  }
}
static bool pred_has(const SetPred *sp, unsigned c) {
  if (c < 256) return sp->tbl[c];
  for (int i = 0; i < sp->n; i++) if (!cs_has(&sp->many[i], c)) return false;
  return true;
}
static void pred_free(SetPred *sp) {
  for (int i = 0; i < sp->n; i++) cs_free(&sp->many[i]);
  if (sp->many != sp->sets) free(sp->many);
}

static void check_sets(VM *vm, int argc) {
  if (argc < 1) kn_raise(vm, vm->eArgumentError, "wrong number of arguments (given 0, expected 1+)");
}

static VALUE str_count(ARGS) {
  UNUSED;
  check_sets(vm, argc);
  SetPred sp;
  pred_init(vm, &sp, self, argc, argv);
  long n = 0;
  const unsigned char *p = (const unsigned char *)PTR(self), *e = p + LEN(self);
  bool bin = is_binary(self);
  while (p < e) n += pred_has(&sp, next_cp(&p, e, bin));
  pred_free(&sp);
  return INT2FIX(n);
}

/* delete (squeeze = false) or squeeze: returns the new bytes, or Qnil when unchanged. */
static VALUE delete_squeeze(VM *vm, VALUE self, int argc, VALUE *argv, bool squeeze) {
  SetPred sp;
  pred_init(vm, &sp, self, argc, argv);
  bool bin = is_binary(self);
  VALUE out = str_alloc(vm, vm->cString, LEN(self));
  if (bin) RBASIC(out)->flags |= FL_STR_BINARY;
  const unsigned char *p = (const unsigned char *)PTR(self), *e = p + LEN(self);
  char *d = PTR(out);
  long n = 0;
  unsigned prev = 0xffffffffu;
  while (p < e) {
    const unsigned char *q = p;
    unsigned c = next_cp(&p, e, bin);
    bool in = argc == 0 ? true : pred_has(&sp, c);
    if (squeeze) {
      if (in && c == prev) continue;
      prev = c;
    } else if (in) {
      continue;
    }
    memcpy(d + n, q, (size_t)(p - q));
    n += p - q;
  }
  pred_free(&sp);
  set_len(out, n);
  keep_alive(self);
  return n == LEN(self) ? Qnil : out;
}
static VALUE str_delete(ARGS) {
  UNUSED;
  check_sets(vm, argc);
  VALUE r = delete_squeeze(vm, self, argc, argv, false);
  return NIL_P(r) ? kn_str_dup(vm, self) : r;
}
static VALUE str_delete_bang(ARGS) {
  UNUSED;
  check_sets(vm, argc);
  modify(vm, self);
  VALUE r = delete_squeeze(vm, self, argc, argv, false);
  if (NIL_P(r)) return Qnil;
  str_replace_with(vm, self, r);
  return self;
}
static VALUE str_squeeze(ARGS) {
  UNUSED;
  VALUE r = delete_squeeze(vm, self, argc, argv, true);
  return NIL_P(r) ? kn_str_dup(vm, self) : r;
}
static VALUE str_squeeze_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE r = delete_squeeze(vm, self, argc, argv, true);
  if (NIL_P(r)) return Qnil;
  str_replace_with(vm, self, r);
  return self;
}

/* tr / tr_s: returns the translated copy, or Qnil when nothing changed. */
static VALUE tr_value(VM *vm, VALUE self, VALUE from_s, VALUE to_s, bool squeeze) {
  from_s = to_str(vm, from_s);
  to_s = to_str(vm, to_s);
  bool bin = is_binary(self);
  CharSet from, to;
  cs_parse(vm, &from, from_s, true, bin);
  cs_parse(vm, &to, to_s, false, bin);
  bool del = to.count == 0;  /* an empty replacement deletes */
  int tbl[256];
  for (unsigned c = 0; c < 256; c++) {
    if (from.neg) tbl[c] = cs_has(&from, c) ? (del ? -2 : (int)cs_at(&to, to.count - 1)) : -1;
    else {
      long pos = cs_pos(&from, c);
      tbl[c] = pos < 0 ? -1 : del ? -2 : (int)cs_at(&to, pos < to.count ? pos : to.count - 1);
    }
  }
  VALUE out = str_alloc(vm, vm->cString, LEN(self));
  if (bin) RBASIC(out)->flags |= FL_STR_BINARY;
  const unsigned char *p = (const unsigned char *)PTR(self), *e = p + LEN(self);
  long n = 0;
  bool changed = false;
  long last_tr = -1;  /* codepoint last emitted by translation (tr_s), or -1 */
  while (p < e) {
    const unsigned char *q = p;
    unsigned c = next_cp(&p, e, bin);
    bool valid_char = bin || *q < 0x80 || p - q > 1;
    long m;  /* -1 unchanged, -2 deleted, else new codepoint */
    if (!valid_char) m = -1;
    else if (c < 256) m = tbl[c];
    else if (from.neg) m = cs_has(&from, c) ? (del ? -2 : (long)cs_at(&to, to.count - 1)) : -1;
    else {
      long pos = cs_pos(&from, c);
      m = pos < 0 ? -1 : del ? -2 : (long)cs_at(&to, pos < to.count ? pos : to.count - 1);
    }
    if (m == -2) { changed = true; continue; }
    if (m == -1) {
      last_tr = -1;
      str_reserve(vm, out, n + (p - q));
      memcpy(PTR(out) + n, q, (size_t)(p - q));
      n += p - q;
      continue;
    }
    if (squeeze && last_tr == m) { changed = true; continue; }
    last_tr = m;
    if ((unsigned)m != c) changed = true;
    char buf[4];
    int bl = bin ? (buf[0] = (char)m, 1) : utf8_encode((unsigned)m, buf);
    str_reserve(vm, out, n + bl + (e - p));
    memcpy(PTR(out) + n, buf, (size_t)bl);
    n += bl;
  }
  set_len(out, n);
  cs_free(&from);
  cs_free(&to);
  keep_alive(self);
  return changed ? out : Qnil;
}
static VALUE str_tr(ARGS) {
  UNUSED;
  VALUE r = tr_value(vm, self, argv[0], argv[1], false);
  return NIL_P(r) ? kn_str_dup(vm, self) : r;
}
static VALUE str_tr_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE r = tr_value(vm, self, argv[0], argv[1], false);
  if (NIL_P(r)) return Qnil;
  str_replace_with(vm, self, r);
  return self;
}
static VALUE str_tr_s(ARGS) {
  UNUSED;
  VALUE r = tr_value(vm, self, argv[0], argv[1], true);
  return NIL_P(r) ? kn_str_dup(vm, self) : r;
}
static VALUE str_tr_s_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE r = tr_value(vm, self, argv[0], argv[1], true);
  if (NIL_P(r)) return Qnil;
  str_replace_with(vm, self, r);
  return self;
}

/* ---- iteration: chars, bytes, codepoints, lines -------------------------------------------- */

static VALUE str_each_char(ARGS) {
  RETURN_ENUM("each_char");
  for (long b = 0; b < LEN(self);) {
    int l = char_len_at(self, PTR(self) + b, PTR(self) + LEN(self));
    kn_yield1(vm, blk, substr_bytes(vm, self, b, l));
    b += l;
  }
  return self;
}

static VALUE str_chars(ARGS) {
  long n = LEN(self);
  VALUE ary = kn_ary_new_capa(vm, single_byte(self) ? n : str_clen(self));
  for (long b = 0; b < LEN(self);) {
    int l = char_len_at(self, PTR(self) + b, PTR(self) + LEN(self));
    kn_ary_push(vm, ary, substr_bytes(vm, self, b, l));
    b += l;
  }
  if (!NIL_P(blk)) {
    for (long i = 0; i < RARRAY_LEN(ary); i++) kn_yield1(vm, blk, RARRAY_PTR(ary)[i]);
    return self;
  }
  (void)argc; (void)argv;
  return ary;
}

static VALUE str_each_byte(ARGS) {
  RETURN_ENUM("each_byte");
  for (long i = 0; i < LEN(self); i++) kn_yield1(vm, blk, INT2FIX((unsigned char)PTR(self)[i]));
  return self;
}

static VALUE str_bytes(ARGS) {
  UNUSED;
  VALUE ary = kn_ary_new_capa(vm, LEN(self));
  for (long i = 0; i < LEN(self); i++) kn_ary_push(vm, ary, INT2FIX((unsigned char)PTR(self)[i]));
  if (!NIL_P(blk)) {
    for (long i = 0; i < RARRAY_LEN(ary); i++) kn_yield1(vm, blk, RARRAY_PTR(ary)[i]);
    return self;
  }
  return ary;
}

static VALUE codepoint_at(VM *vm, VALUE self, long *b) {
  const unsigned char *p = (const unsigned char *)PTR(self) + *b, *e = (const unsigned char *)PTR(self) + LEN(self);
  if (is_binary(self) || *p < 0x80) { (*b)++; return INT2FIX(*p); }
  int l = utf8_len(p, e);
  if (l == 1) kn_raise(vm, vm->eArgumentError, "invalid byte sequence in UTF-8");
  *b += l;
  return INT2FIX(utf8_decode(p, l));
}

static VALUE str_each_codepoint(ARGS) {
  RETURN_ENUM("each_codepoint");
  for (long b = 0; b < LEN(self);) kn_yield1(vm, blk, codepoint_at(vm, self, &b));
  return self;
}

static VALUE str_codepoints(ARGS) {
  UNUSED;
  VALUE ary = kn_ary_new(vm);
  for (long b = 0; b < LEN(self);) kn_ary_push(vm, ary, codepoint_at(vm, self, &b));
  if (!NIL_P(blk)) {
    for (long i = 0; i < RARRAY_LEN(ary); i++) kn_yield1(vm, blk, RARRAY_PTR(ary)[i]);
    return self;
  }
  return ary;
}

/* Lines of self split after `rs` (nil: one line; "": paragraphs). Each line is pushed to
 * ary, or yielded when ary is Qnil. chomp removes the separator from each line. */
static void each_line_impl(VM *vm, VALUE self, VALUE rs, bool chomp, VALUE ary, VALUE blk) {
  VALUE str = self;
  long len = LEN(str);
  if (len == 0) return;
  if (NIL_P(rs)) {
    VALUE line = kn_str_dup(vm, str);
    RBASIC(line)->klass = vm->cString;
    if (NIL_P(ary)) kn_yield1(vm, blk, line);
    else kn_ary_push(vm, ary, line);
    return;
  }
  const char *sep = PTR(rs);
  long sl = LEN(rs);
  bool para = sl == 0;
  bool nl = para || (sl == 1 && sep[0] == '\n');
  long pos = 0;
  while (pos < len) {
    const char *p = PTR(str);
    len = LEN(str);
    if (pos >= len) break;
    long end, cut;  /* end: after the line incl. separator; cut: where chomp cuts */
    if (para) {
      long i = pos;
      end = -1;
      for (;;) {
        const char *nlp = memchr(p + i, '\n', (size_t)(len - i));
        if (!nlp) break;
        long k = nlp - p;  /* first newline; a paragraph ends at a second one right after */
        long j = k + 1;
        if (j < len && p[j] == '\n') { end = j + 1; cut = j; break; }
        if (j + 1 < len && p[j] == '\r' && p[j + 1] == '\n') { end = j + 2; cut = j; break; }
        i = k + 1;
      }
      if (end < 0) { end = len; cut = len; }
    } else {
      const char *hit = sl == 1 ? memchr(p + pos, sep[0], (size_t)(len - pos))
                                : memmem(p + pos, (size_t)(len - pos), sep, (size_t)sl);
      if (hit) {
        end = (hit - p) + sl;
        cut = hit - p;
        if (nl && cut > pos && p[cut - 1] == '\r') cut--;
      } else {
        end = len;
        cut = len;
      }
    }
    VALUE line = substr_bytes(vm, str, pos, (chomp ? cut : end) - pos);
    pos = end;
    if (para) {  /* skip the extra newlines after a paragraph */
      while (pos < LEN(str) && PTR(str)[pos] == '\n') pos++;
    }
    if (NIL_P(ary)) kn_yield1(vm, blk, line);
    else kn_ary_push(vm, ary, line);
  }
}

/* lines / each_line arguments: (sep = $/, chomp: false) */
static VALUE line_args(VM *vm, int argc, VALUE *argv, bool *chomp) {
  VALUE kw = take_kwargs(&argc, argv);
  VALUE v;
  *chomp = kw_get(vm, kw, "chomp", &v) && RTEST(v);
  if (argc > 1) kn_arity_error(vm, argc, 0, 1);
  if (argc == 0) {
    VALUE rs = default_rs(vm);
    return is_str(rs) || NIL_P(rs) ? rs : kn_str_new(vm, "\n", 1);
  }
  return NIL_P(argv[0]) ? Qnil : to_str(vm, argv[0]);
}

static VALUE str_each_line(ARGS) {
  RETURN_ENUM("each_line");
  bool chomp;
  VALUE rs = line_args(vm, argc, argv, &chomp);
  each_line_impl(vm, self, rs, chomp, Qnil, blk);
  return self;
}

static VALUE str_lines(ARGS) {
  bool chomp;
  VALUE rs = line_args(vm, argc, argv, &chomp);
  if (!NIL_P(blk)) {
    each_line_impl(vm, self, rs, chomp, Qnil, blk);
    return self;
  }
  VALUE ary = kn_ary_new(vm);
  each_line_impl(vm, self, rs, chomp, ary, Qnil);
  return ary;
}

/* ---- split ------------------------------------------------------------------------------------ */

static inline bool awk_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static VALUE str_split(ARGS) {
  VALUE pat = argc > 0 ? argv[0] : Qnil;
  long limit = 0;
  if (argc > 1 && !NIL_P(argv[1])) limit = to_long(vm, argv[1]);
  if (NIL_P(pat)) {
    VALUE fs = kn_gvar_get(vm, kn_intern(vm, "$;"));
    if (!NIL_P(fs)) pat = fs;
  }
  VALUE result;
  if (!NIL_P(pat) && is_regexp(vm, pat)) {
    VALUE args[2] = {pat, argc > 1 ? argv[1] : INT2FIX(0)};
    result = regex_call(vm, self, "__regex_split", 2, args);
  } else {
    result = kn_ary_new(vm);
    long len = LEN(self);
    bool awk = NIL_P(pat);
    if (!awk) {
      pat = to_str(vm, pat);
      awk = LEN(pat) == 1 && PTR(pat)[0] == ' ';
    }
    if (len == 0) {
      /* nothing */
    } else if (limit == 1) {
      kn_ary_push(vm, result, kn_str_dup(vm, self));
      RBASIC(RARRAY_PTR(result)[0])->klass = vm->cString;
    } else if (awk) {
      /* fields are runs of non-space; leading space is skipped; the tail after the last
       * field (possibly "") is kept unless limit is 0 */
      const char *p = PTR(self);
      long beg = 0, end = 0, i = 1;
      bool skip = true;
      for (long k = 0; k < len; k++) {
        bool sp = awk_space((unsigned char)p[k]);
        if (skip) {
          if (sp) beg = k + 1;
          else {
            end = k + 1;
            skip = false;
            if (limit > 0 && limit <= i) break;
          }
        } else if (sp) {
          kn_ary_push(vm, result, substr_bytes(vm, self, beg, end - beg));
          p = PTR(self);
          skip = true;
          beg = k + 1;
          if (limit > 0) i++;
        } else {
          end = k + 1;
        }
      }
      if (limit != 0 || len > beg) kn_ary_push(vm, result, substr_bytes(vm, self, beg, len - beg));
    } else if (LEN(pat) == 0) {
      long beg = 0, n = 0;
      while (beg < len && (limit <= 0 || n < limit - 1)) {
        int l = char_len_at(self, PTR(self) + beg, PTR(self) + len);
        kn_ary_push(vm, result, substr_bytes(vm, self, beg, l));
        beg += l;
        n++;
      }
      kn_ary_push(vm, result, substr_bytes(vm, self, beg, len - beg));
    } else {
      long beg = 0, n = 0, sl = LEN(pat);
      while (limit <= 0 || n < limit - 1) {
        long pos = byte_index(self, PTR(pat), sl, beg);
        if (pos < 0) break;
        kn_ary_push(vm, result, substr_bytes(vm, self, beg, pos - beg));
        beg = pos + sl;
        n++;
      }
      kn_ary_push(vm, result, substr_bytes(vm, self, beg, len - beg));
    }
    if (limit == 0) {
      while (RARRAY_LEN(result) > 0 && LEN(RARRAY_PTR(result)[RARRAY_LEN(result) - 1]) == 0)
        kn_ary_pop(vm, result);
    }
  }
  if (!NIL_P(blk)) {
    for (long i = 0; i < RARRAY_LEN(result); i++) kn_yield1(vm, blk, RARRAY_PTR(result)[i]);
    return self;
  }
  return result;
}

static VALUE str_sum(ARGS) {
  UNUSED;
  long bits = argc > 0 ? to_long(vm, argv[0]) : 16;
  unsigned long long sum = 0;
  for (long i = 0; i < LEN(self); i++) sum += (unsigned char)PTR(self)[i];
  if (bits > 0 && bits < 64) sum &= (1ULL << bits) - 1;
  return kn_int_from_ull(vm, sum);
}

static VALUE str_freeze(ARGS) {
  UNUSED;
  RBASIC(self)->flags |= FL_FROZEN;
  return self;
}

static VALUE str_frozen_p(ARGS) { UNUSED; return KN_BOOL(RBASIC(self)->flags & FL_FROZEN); }

/* ---- Symbol ------------------------------------------------------------------------------------ */

static VALUE sym_str(VM *vm, VALUE sym) { return kn_id_str(vm, SYM2ID(sym)); }

static VALUE sym_to_s(ARGS) { UNUSED; return sym_str(vm, self); }
static VALUE sym_name(ARGS) {
  UNUSED;
  VALUE s = sym_str(vm, self);
  RBASIC(s)->flags |= FL_FROZEN;
  return s;
}
static VALUE sym_to_sym(ARGS) { UNUSED; return self; }
static VALUE sym_to_proc_m(ARGS) { UNUSED; return kn_sym_to_proc(vm, self); }
static VALUE sym_inspect(ARGS) { UNUSED; return kn_sym_inspect(vm, SYM2ID(self)); }
static VALUE sym_length(ARGS) {
  UNUSED;
  ID id = SYM2ID(self);
  const char *p = kn_id_name(vm, id);
  long n = kn_id_len(vm, id);
  int cr = scan_cr(p, n);
  return INT2FIX(cr == CR_7BIT ? n : count_chars(p, n, cr == CR_VALID));
}
static VALUE sym_empty(ARGS) { UNUSED; return KN_BOOL(kn_id_len(vm, SYM2ID(self)) == 0); }

static VALUE sym_case(VM *vm, VALUE self, int mode, int argc, VALUE *argv) {
  VALUE s = sym_str(vm, self);
  int opts = case_opts(vm, mode, argc, argv);
  if (is_7bit(s)) opts &= ~CO_TURKIC;  /* an ASCII Symbol is US-ASCII in CRuby: no İ or ı */
  VALUE r = case_map(vm, s, mode, opts);
  return kn_str_intern(vm, NIL_P(r) ? s : r);
}
static VALUE sym_upcase(ARGS) { UNUSED; return sym_case(vm, self, CASE_UP, argc, argv); }
static VALUE sym_downcase(ARGS) { UNUSED; return sym_case(vm, self, CASE_DOWN, argc, argv); }
static VALUE sym_capitalize(ARGS) { UNUSED; return sym_case(vm, self, CASE_CAP, argc, argv); }
static VALUE sym_swapcase(ARGS) { UNUSED; return sym_case(vm, self, CASE_SWAP, argc, argv); }
static VALUE sym_succ(ARGS) { UNUSED; return kn_str_intern(vm, succ_value(vm, sym_str(vm, self))); }

static VALUE sym_cmp(ARGS) {
  UNUSED;
  if (!SYMBOL_P(argv[0])) return Qnil;
  ID a = SYM2ID(self), b = SYM2ID(argv[0]);
  const char *p = kn_id_name(vm, a), *q = kn_id_name(vm, b);
  long la = kn_id_len(vm, a), lb = kn_id_len(vm, b);
  int r = memcmp(p, q, (size_t)(la < lb ? la : lb));
  if (r) return INT2FIX(r < 0 ? -1 : 1);
  return INT2FIX(la == lb ? 0 : la < lb ? -1 : 1);
}
static VALUE sym_casecmp(ARGS) {
  UNUSED;
  if (!SYMBOL_P(argv[0])) return Qnil;
  VALUE o = sym_str(vm, argv[0]);
  return str_casecmp(vm, sym_str(vm, self), 1, &o, Qnil);
}
static VALUE sym_casecmp_p(ARGS) {
  UNUSED;
  if (!SYMBOL_P(argv[0])) return Qnil;
  VALUE o = sym_str(vm, argv[0]);
  return str_casecmp_p(vm, sym_str(vm, self), 1, &o, Qnil);
}
static VALUE sym_eq(ARGS) { UNUSED; return KN_BOOL(self == argv[0]); }
static VALUE sym_aref(ARGS) { UNUSED; return str_aref(vm, sym_str(vm, self), argc, argv, blk); }
static VALUE sym_start_with(ARGS) { UNUSED; return str_start_with(vm, sym_str(vm, self), argc, argv, blk); }
static VALUE sym_end_with(ARGS) { UNUSED; return str_end_with(vm, sym_str(vm, self), argc, argv, blk); }
static VALUE sym_encoding(ARGS) {
  UNUSED;
  VALUE s = sym_str(vm, self);
  if (!vm->cEncoding) return kn_str_new_cstr(vm, "UTF-8");
  return kn_const_get(vm, vm->cEncoding, kn_intern(vm, is_7bit(s) ? "US_ASCII" : "UTF_8"));
}
static VALUE sym_hash(ARGS) { UNUSED; return INT2FIX((intptr_t)(kn_hash_value(vm, self) >> 2)); }

/* ---- a minimal Encoding class (only when no other file defines one) ---------------------------- */

static VALUE enc_to_s(ARGS) { UNUSED; return kn_ivar_get(vm, self, kn_intern(vm, "@name")); }
static VALUE enc_inspect(ARGS) {
  UNUSED;
  return kn_str_printf(vm, "#<Encoding:%V>", kn_ivar_get(vm, self, kn_intern(vm, "@name")));
}
static VALUE enc_ascii_compatible(ARGS) { UNUSED; return Qtrue; }
static VALUE enc_s_default(ARGS) { UNUSED; return kn_const_get(vm, vm->cEncoding, kn_intern(vm, "UTF_8")); }
static VALUE enc_s_default_set(ARGS) { UNUSED; return argv[0]; }
static VALUE enc_s_find(ARGS) {
  UNUSED;
  if (kn_obj_is_kind_of(vm, argv[0], vm->cEncoding)) return argv[0];
  VALUE s = to_str(vm, argv[0]);
  bool known;
  bool bin = enc_name_binary(vm, s, &known);
  if (!known) kn_raise(vm, vm->eArgumentError, "unknown encoding name - %s", PTR(s));
  if (!strcasecmp(PTR(s), "US-ASCII") || !strcasecmp(PTR(s), "ASCII"))
    return kn_const_get(vm, vm->cEncoding, kn_intern(vm, "US_ASCII"));
  return kn_const_get(vm, vm->cEncoding, kn_intern(vm, bin ? "ASCII_8BIT" : "UTF_8"));
}

static VALUE enc_new(VM *vm, const char *name) {
  VALUE e = kn_obj_alloc(vm, T_OBJECT, vm->cEncoding);
  ROBJECT(e)->ivptr = ROBJECT(e)->embed;
  ROBJECT(e)->capa = KN_OBJ_EMBED;
  VALUE n = kn_str_new_cstr(vm, name);
  RBASIC(n)->flags |= FL_FROZEN;
  kn_ivar_set(vm, e, kn_intern(vm, "@name"), n);
  RBASIC(e)->flags |= FL_FROZEN;
  return e;
}

static void init_encoding(VM *vm) {
  if (vm->cEncoding) return;
  VALUE E = vm->cEncoding = kn_define_class(vm, "Encoding", vm->cObject);
  kn_undef_method(vm, kn_singleton_class(vm, E), vm->id_new);
  VALUE utf8 = enc_new(vm, "UTF-8"), bin = enc_new(vm, "ASCII-8BIT"), ascii = enc_new(vm, "US-ASCII");
  kn_define_const(vm, E, "UTF_8", utf8);
  kn_define_const(vm, E, "ASCII_8BIT", bin);
  kn_define_const(vm, E, "BINARY", bin);
  kn_define_const(vm, E, "US_ASCII", ascii);
  kn_define_const(vm, E, "ASCII", ascii);
  if (vm->eEncodingError) {
    kn_define_class_under(vm, E, "CompatibilityError", vm->eEncodingError);
    kn_define_class_under(vm, E, "UndefinedConversionError", vm->eEncodingError);
    kn_define_class_under(vm, E, "InvalidByteSequenceError", vm->eEncodingError);
    kn_define_class_under(vm, E, "ConverterNotFoundError", vm->eEncodingError);
  }
  kn_define_method(vm, E, "to_s", enc_to_s, 0, 0);
  kn_define_method(vm, E, "name", enc_to_s, 0, 0);
  kn_define_method(vm, E, "inspect", enc_inspect, 0, 0);
  kn_define_method(vm, E, "ascii_compatible?", enc_ascii_compatible, 0, 0);
  kn_define_singleton_method(vm, E, "default_external", enc_s_default, 0, 0);
  kn_define_singleton_method(vm, E, "default_internal", enc_s_default, 0, 0);
  kn_define_singleton_method(vm, E, "default_external=", enc_s_default_set, 1, 1);
  kn_define_singleton_method(vm, E, "default_internal=", enc_s_default_set, 1, 1);
  kn_define_singleton_method(vm, E, "find", enc_s_find, 1, 1);
}

/* ---- registration ---------------------------------------------------------------------------- */

void kn_init_string(VM *vm) {
  VALUE S = vm->cString;
  init_encoding(vm);
  kn_define_singleton_method(vm, S, "new", str_s_new, 0, -1);
  kn_define_singleton_method(vm, S, "try_convert", str_s_try_convert, 1, 1);
  kn_define_private_method(vm, S, "initialize", str_initialize, 0, -1);
  kn_define_private_method(vm, S, "initialize_copy", str_replace, 1, 1);
  kn_define_method(vm, S, "replace", str_replace, 1, 1);

  kn_define_method(vm, S, "+", str_plus, 1, 1);
  kn_define_method(vm, S, "*", str_times, 1, 1);
  kn_define_method(vm, S, "<<", str_ltlt, 1, 1);
  kn_define_method(vm, S, "concat", str_concat, 0, -1);
  kn_define_method(vm, S, "prepend", str_prepend, 0, -1);
  kn_define_method(vm, S, "+@", str_uplus, 0, 0);
  kn_define_method(vm, S, "-@", str_uminus, 0, 0);
  kn_define_method(vm, S, "dedup", str_uminus, 0, 0);

  kn_define_method(vm, S, "==", str_eq, 1, 1);
  kn_define_method(vm, S, "===", str_eq, 1, 1);
  kn_define_method(vm, S, "eql?", str_eql, 1, 1);
  kn_define_method(vm, S, "hash", str_hash_m, 0, 0);
  kn_define_method(vm, S, "<=>", str_cmp_m, 1, 1);
  kn_define_method(vm, S, "<", str_lt, 1, 1);
  kn_define_method(vm, S, "<=", str_le, 1, 1);
  kn_define_method(vm, S, ">", str_gt, 1, 1);
  kn_define_method(vm, S, ">=", str_ge, 1, 1);
  kn_define_method(vm, S, "=~", str_match_op, 1, 1);
  kn_define_method(vm, S, "casecmp", str_casecmp, 1, 1);
  kn_define_method(vm, S, "casecmp?", str_casecmp_p, 1, 1);

  kn_define_method(vm, S, "[]", str_aref, 1, 2);
  kn_define_method(vm, S, "slice", str_aref, 1, 2);
  kn_define_method(vm, S, "[]=", str_aset, 2, 3);
  kn_define_method(vm, S, "slice!", str_slice_bang, 1, 2);
  kn_define_method(vm, S, "insert", str_insert, 2, 2);
  kn_define_method(vm, S, "getbyte", str_getbyte, 1, 1);
  kn_define_method(vm, S, "setbyte", str_setbyte, 2, 2);
  kn_define_method(vm, S, "byteslice", str_byteslice, 1, 2);
  kn_define_method(vm, S, "chr", str_chr, 0, 0);
  kn_define_method(vm, S, "ord", str_ord, 0, 0);
  kn_define_method(vm, S, "clear", str_clear, 0, 0);

  kn_define_method(vm, S, "length", str_length, 0, 0);
  kn_define_method(vm, S, "size", str_length, 0, 0);
  kn_define_method(vm, S, "bytesize", str_bytesize, 0, 0);
  kn_define_method(vm, S, "empty?", str_empty, 0, 0);

  kn_define_method(vm, S, "include?", str_include, 1, 1);
  kn_define_method(vm, S, "start_with?", str_start_with, 0, -1);
  kn_define_method(vm, S, "end_with?", str_end_with, 0, -1);
  kn_define_method(vm, S, "index", str_index, 1, 2);
  kn_define_method(vm, S, "rindex", str_rindex, 1, 2);
  kn_define_method(vm, S, "partition", str_partition, 1, 1);
  kn_define_method(vm, S, "rpartition", str_rpartition, 1, 1);
  kn_define_method(vm, S, "delete_prefix", str_delete_prefix, 1, 1);
  kn_define_method(vm, S, "delete_prefix!", str_delete_prefix_bang, 1, 1);
  kn_define_method(vm, S, "delete_suffix", str_delete_suffix, 1, 1);
  kn_define_method(vm, S, "delete_suffix!", str_delete_suffix_bang, 1, 1);

  kn_define_method(vm, S, "upcase", str_upcase, 0, -1);
  kn_define_method(vm, S, "downcase", str_downcase, 0, -1);
  kn_define_method(vm, S, "capitalize", str_capitalize, 0, -1);
  kn_define_method(vm, S, "swapcase", str_swapcase, 0, -1);
  kn_define_method(vm, S, "upcase!", str_upcase_bang, 0, -1);
  kn_define_method(vm, S, "downcase!", str_downcase_bang, 0, -1);
  kn_define_method(vm, S, "capitalize!", str_capitalize_bang, 0, -1);
  kn_define_method(vm, S, "swapcase!", str_swapcase_bang, 0, -1);

  kn_define_method(vm, S, "strip", str_strip, 0, 0);
  kn_define_method(vm, S, "lstrip", str_lstrip, 0, 0);
  kn_define_method(vm, S, "rstrip", str_rstrip, 0, 0);
  kn_define_method(vm, S, "strip!", str_strip_bang, 0, 0);
  kn_define_method(vm, S, "lstrip!", str_lstrip_bang, 0, 0);
  kn_define_method(vm, S, "rstrip!", str_rstrip_bang, 0, 0);
  kn_define_method(vm, S, "chomp", str_chomp, 0, 1);
  kn_define_method(vm, S, "chomp!", str_chomp_bang, 0, 1);
  kn_define_method(vm, S, "chop", str_chop, 0, 0);
  kn_define_method(vm, S, "chop!", str_chop_bang, 0, 0);

  kn_define_method(vm, S, "reverse", str_reverse, 0, 0);
  kn_define_method(vm, S, "reverse!", str_reverse_bang, 0, 0);
  kn_define_method(vm, S, "center", str_center, 1, 2);
  kn_define_method(vm, S, "ljust", str_ljust, 1, 2);
  kn_define_method(vm, S, "rjust", str_rjust, 1, 2);
  kn_define_method(vm, S, "succ", str_succ, 0, 0);
  kn_define_method(vm, S, "next", str_succ, 0, 0);
  kn_define_method(vm, S, "succ!", str_succ_bang, 0, 0);
  kn_define_method(vm, S, "next!", str_succ_bang, 0, 0);
  kn_define_method(vm, S, "upto", str_upto, 1, 2);

  kn_define_method(vm, S, "tr", str_tr, 2, 2);
  kn_define_method(vm, S, "tr!", str_tr_bang, 2, 2);
  kn_define_method(vm, S, "tr_s", str_tr_s, 2, 2);
  kn_define_method(vm, S, "tr_s!", str_tr_s_bang, 2, 2);
  kn_define_method(vm, S, "delete", str_delete, 0, -1);
  kn_define_method(vm, S, "delete!", str_delete_bang, 0, -1);
  kn_define_method(vm, S, "squeeze", str_squeeze, 0, -1);
  kn_define_method(vm, S, "squeeze!", str_squeeze_bang, 0, -1);
  kn_define_method(vm, S, "count", str_count, 0, -1);

  kn_define_method(vm, S, "each_char", str_each_char, 0, 0);
  kn_define_method(vm, S, "chars", str_chars, 0, 0);
  kn_define_method(vm, S, "each_byte", str_each_byte, 0, 0);
  kn_define_method(vm, S, "bytes", str_bytes, 0, 0);
  kn_define_method(vm, S, "each_codepoint", str_each_codepoint, 0, 0);
  kn_define_method(vm, S, "codepoints", str_codepoints, 0, 0);
  kn_define_method(vm, S, "each_line", str_each_line, 0, -1);
  kn_define_method(vm, S, "lines", str_lines, 0, -1);
  kn_define_method(vm, S, "split", str_split, 0, 2);

  kn_define_method(vm, S, "to_s", str_to_s, 0, 0);
  kn_define_method(vm, S, "to_str", str_to_s, 0, 0);
  kn_define_method(vm, S, "inspect", str_inspect_m, 0, 0);
  kn_define_method(vm, S, "dump", str_dump, 0, 0);
  kn_define_method(vm, S, "to_sym", str_to_sym, 0, 0);
  kn_define_method(vm, S, "intern", str_to_sym, 0, 0);
  kn_define_method(vm, S, "to_i", str_to_i, 0, 1);
  kn_define_method(vm, S, "to_f", str_to_f, 0, 0);
  kn_define_method(vm, S, "hex", str_hex, 0, 0);
  kn_define_method(vm, S, "oct", str_oct, 0, 0);
  kn_define_method(vm, S, "sum", str_sum, 0, 1);
  kn_define_method(vm, S, "freeze", str_freeze, 0, 0);
  kn_define_method(vm, S, "frozen?", str_frozen_p, 0, 0);

  kn_define_method(vm, S, "encoding", str_encoding, 0, 0);
  kn_define_method(vm, S, "force_encoding", str_force_encoding, 1, 1);
  kn_define_method(vm, S, "valid_encoding?", str_valid_encoding, 0, 0);
  kn_define_method(vm, S, "ascii_only?", str_ascii_only, 0, 0);
  kn_define_method(vm, S, "b", str_b, 0, 0);
  kn_define_method(vm, S, "scrub", str_scrub, 0, 1);
  kn_define_method(vm, S, "scrub!", str_scrub_bang, 0, 1);
  kn_define_method(vm, S, "unicode_normalize", str_unicode_normalize, 0, 1);
  kn_define_method(vm, S, "encode", str_encode, 0, -1);
  kn_define_method(vm, S, "encode!", str_encode_bang, 0, -1);

  VALUE Y = vm->cSymbol;
  kn_define_method(vm, Y, "to_s", sym_to_s, 0, 0);
  kn_define_method(vm, Y, "id2name", sym_to_s, 0, 0);
  kn_define_method(vm, Y, "name", sym_name, 0, 0);
  kn_define_method(vm, Y, "to_sym", sym_to_sym, 0, 0);
  kn_define_method(vm, Y, "to_proc", sym_to_proc_m, 0, 0);
  kn_define_method(vm, Y, "inspect", sym_inspect, 0, 0);
  kn_define_method(vm, Y, "length", sym_length, 0, 0);
  kn_define_method(vm, Y, "size", sym_length, 0, 0);
  kn_define_method(vm, Y, "empty?", sym_empty, 0, 0);
  kn_define_method(vm, Y, "upcase", sym_upcase, 0, -1);
  kn_define_method(vm, Y, "downcase", sym_downcase, 0, -1);
  kn_define_method(vm, Y, "capitalize", sym_capitalize, 0, -1);
  kn_define_method(vm, Y, "swapcase", sym_swapcase, 0, -1);
  kn_define_method(vm, Y, "succ", sym_succ, 0, 0);
  kn_define_method(vm, Y, "next", sym_succ, 0, 0);
  kn_define_method(vm, Y, "<=>", sym_cmp, 1, 1);
  kn_define_method(vm, Y, "==", sym_eq, 1, 1);
  kn_define_method(vm, Y, "===", sym_eq, 1, 1);
  kn_define_method(vm, Y, "casecmp", sym_casecmp, 1, 1);
  kn_define_method(vm, Y, "casecmp?", sym_casecmp_p, 1, 1);
  kn_define_method(vm, Y, "[]", sym_aref, 1, 2);
  kn_define_method(vm, Y, "slice", sym_aref, 1, 2);
  kn_define_method(vm, Y, "start_with?", sym_start_with, 0, -1);
  kn_define_method(vm, Y, "end_with?", sym_end_with, 0, -1);
  kn_define_method(vm, Y, "encoding", sym_encoding, 0, 0);
  kn_define_method(vm, Y, "hash", sym_hash, 0, 0);
}
