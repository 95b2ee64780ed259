/* sprintf.c -- the format engine behind Kernel#format/sprintf/printf and String#%:
 * CRuby's directive syntax (flags, width, precision, `*`, `n$`, %<name>, %{name}) and output,
 * including its two's-complement rendering of negative numbers in %x/%o/%b ("..f01").
 * Floats go through the C library's printf; everything else is formatted here. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include "numeric.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk

enum { FSHARP = 1, FMINUS = 2, FPLUS = 4, FZERO = 8, FSPACE = 16, FWIDTH = 32, FPREC = 64 };

typedef struct {
  VM *vm;
  VALUE fmt;        /* kept here (on the stack) so the GC sees it while we read its bytes */
  VALUE out;
  int argc;
  const VALUE *argv;
  int nextarg;      /* next unnumbered argument (0-based) */
  int posarg;       /* >0: last unnumbered used (1-based); -1 numbered; -2 named; 0 none */
  VALUE hash;
  VALUE hold;       /* the temporary string whose bytes are being copied */
} Fmt;

/* ---- argument access (CRuby's GETARG / GETPOSARG / GETNAMEARG rules) ---------------------- */

static VALUE next_arg(Fmt *f) {
  VM *vm = f->vm;
  if (f->posarg == -1) kn_raise(vm, vm->eArgumentError, "unnumbered(%d) mixed with numbered", f->nextarg + 1);
  if (f->posarg == -2) kn_raise(vm, vm->eArgumentError, "unnumbered(%d) mixed with named", f->nextarg + 1);
  f->posarg = ++f->nextarg;
  if (f->nextarg > f->argc) kn_raise(vm, vm->eArgumentError, "too few arguments");
  return f->argv[f->nextarg - 1];
}

static VALUE pos_arg(Fmt *f, long n) {
  VM *vm = f->vm;
  if (f->posarg > 0) kn_raise(vm, vm->eArgumentError, "numbered(%ld) after unnumbered(%d)", n, f->posarg);
  if (f->posarg == -2) kn_raise(vm, vm->eArgumentError, "numbered(%ld) after named", n);
  if (n < 1) kn_raise(vm, vm->eArgumentError, "invalid index - %ld$", n);
  if (n > f->argc) kn_raise(vm, vm->eArgumentError, "too few arguments");
  f->posarg = -1;
  return f->argv[n - 1];
}

static VALUE named_arg(Fmt *f, const char *start, long len) {
  VM *vm = f->vm;
  if (f->posarg > 0) kn_raise(vm, vm->eArgumentError, "named%.*s after unnumbered(%d)", (int)len, start, f->posarg);
  if (f->posarg == -1) kn_raise(vm, vm->eArgumentError, "named%.*s after numbered", (int)len, start);
  f->posarg = -2;
  if (f->hash == Qundef) {
    if (f->argc != 1 || !kn_is_type(f->argv[0], T_HASH)) kn_raise(vm, vm->eArgumentError, "one hash required");
    f->hash = f->argv[0];
  }
  VALUE key = ID2SYM(kn_intern2(vm, start + 1, len - 2));
  VALUE v;
  if (kn_hash_lookup(vm, f->hash, key, &v)) return v;
  v = kn_hash_aref(vm, f->hash, key);   /* default value / default proc */
  if (NIL_P(v)) kn_raise(vm, vm->eKeyError, "key%.*s not found", (int)len, start);
  return v;
}

/* ---- output helpers ------------------------------------------------------------------------ */

static void put(Fmt *f, const char *p, long n) { if (n > 0) kn_str_cat(f->vm, f->out, p, n); }

static void put_fill(Fmt *f, char c, long n) {
  char buf[64];
  memset(buf, c, sizeof buf);
  while (n > 0) {
    long k = n < (long)sizeof buf ? n : (long)sizeof buf;
    put(f, buf, k);
    n -= k;
  }
}

static long utf8_chars(const char *p, long n) {
  long c = 0;
  for (long i = 0; i < n; i++) c += ((unsigned char)p[i] & 0xc0) != 0x80;
  return c;
}

/* Byte length of the first `chars` characters of p[0..n). */
static long utf8_prefix(const char *p, long n, long chars) {
  long i = 0;
  while (i < n && chars > 0) {
    i++;
    while (i < n && ((unsigned char)p[i] & 0xc0) == 0x80) i++;
    chars--;
  }
  return i;
}

/* Pad `body` (blen bytes, bchars characters) to width with spaces. */
static void put_padded(Fmt *f, int flags, long width, const char *body, long blen, long bchars) {
  long pad = (flags & FWIDTH) && width > bchars ? width - bchars : 0;
  if (!(flags & FMINUS)) put_fill(f, ' ', pad);
  put(f, body, blen);
  if (flags & FMINUS) put_fill(f, ' ', pad);
}

static void fmt_string(Fmt *f, VALUE str, int flags, long width, long prec) {
  f->hold = str;
  const char *p = RSTRING_PTR(str);
  long len = RSTRING_LEN(str);
  bool bin = (RBASIC(str)->flags & FL_STR_BINARY) != 0;
  if (flags & FPREC) len = bin ? (prec < len ? prec : len) : utf8_prefix(p, len, prec);
  put_padded(f, flags, width, p, len, bin ? len : utf8_chars(p, len));
}

/* ---- integers ------------------------------------------------------------------------------ */

static VALUE to_integer(Fmt *f, VALUE v) {
  VM *vm = f->vm;
  if (kn_integer_p(v)) return v;
  if (kn_float_p(v)) return kn_dbl_to_int(vm, trunc(kn_float_value(v)));
  if (kn_is_type(v, T_STRING)) {
    VALUE r = kn_str_to_inum(vm, RSTRING_PTR(v), RSTRING_LEN(v), 0, true);
    if (NIL_P(r)) kn_raise(vm, vm->eArgumentError, "invalid value for Integer(): %S", v);
    return r;
  }
  if (NIL_P(v)) kn_raise(vm, vm->eTypeError, "can't convert nil into Integer");
  VALUE r = kn_funcall(vm, vm->top_self, kn_intern(vm, "Integer"), 1, &v);
  return r;
}

/* Digits of negative v in base 2/8/16 as CRuby shows them after "..": the two's complement
 * digits with redundant leading all-ones digits dropped, keeping one ("f01" for -255). */
static VALUE twos_digits(VM *vm, VALUE v, int base) {
  mpz_t x, m;
  mpz_inits(x, m, NULL);
  kn_int_get_mpz(v, x);
  size_t n = mpz_sizeinbase(x, base) + 1;
  mpz_ui_pow_ui(m, (unsigned long)base, (unsigned long)n);
  mpz_add(m, m, x);
  char *buf = kn_xmalloc(n + 2);
  mpz_get_str(buf, base, m);
  char top = base == 16 ? 'f' : base == 8 ? '7' : '1';
  char *p = buf;
  while (*p == top) p++;
  VALUE s = kn_str_new(vm, &top, 1);
  kn_str_cat_cstr(vm, s, p);
  free(buf);
  mpz_clears(x, m, NULL);
  return s;
}

/* Emit a + b + fill*nfill + d, space-padded to width (no allocation). */
static void put_parts(Fmt *f, int flags, long width, const char *a, const char *b, char fill,
                      long nfill, const char *d, long dlen) {
  long alen = (long)strlen(a), blen = (long)strlen(b);
  if (nfill < 0) nfill = 0;
  long total = alen + blen + nfill + dlen;
  long pad = (flags & FWIDTH) && width > total ? width - total : 0;
  if (!(flags & FMINUS)) put_fill(f, ' ', pad);
  put(f, a, alen);
  put(f, b, blen);
  put_fill(f, fill, nfill);
  put(f, d, dlen);
  if (flags & FMINUS) put_fill(f, ' ', pad);
}

static void fmt_integer(Fmt *f, VALUE v, char conv, int flags, long width, long prec) {
  VM *vm = f->vm;
  int base = 10;
  const char *prefix = "";
  switch (conv) {
  case 'x': base = 16; prefix = "0x"; break;
  case 'X': base = 16; prefix = "0X"; break;
  case 'o': base = 8; prefix = "0"; break;
  case 'b': base = 2; prefix = "0b"; break;
  case 'B': base = 2; prefix = "0B"; break;
  default: break;
  }
  if (!(flags & FSHARP) || base == 10) prefix = "";
  bool neg = FIXNUM_P(v) ? FIX2LONG(v) < 0 : mpz_sgn(RBIGNUM(v)->mp) < 0;
  bool zero = v == INT2FIX(0);
  bool dots = neg && base != 10 && !(flags & (FPLUS | FSPACE));
  char sbuf[72];
  char *digits;
  long dlen;
  if (FIXNUM_P(v) && !dots) {   /* common case: digits on the stack */
    intptr_t n = FIX2LONG(v);
    uintptr_t u = n < 0 ? (uintptr_t)0 - (uintptr_t)n : (uintptr_t)n;
    char *q = sbuf + sizeof sbuf;
    do { *--q = "0123456789abcdef"[u % (unsigned)base]; u /= (unsigned)base; } while (u);
    digits = q;
    dlen = (long)(sbuf + sizeof sbuf - q);
  } else {
    VALUE ds = dots ? twos_digits(vm, v, base) : kn_int_to_s_abs(vm, v, base);
    f->hold = ds;
    digits = RSTRING_PTR(ds);   /* a fresh string: ours to modify */
    dlen = RSTRING_LEN(ds);
  }
  if (conv == 'X') for (long i = 0; i < dlen; i++) if (digits[i] >= 'a' && digits[i] <= 'z') digits[i] -= 32;

  if (dots) {
    char fill = base == 16 ? (conv == 'X' ? 'F' : 'f') : base == 8 ? '7' : '1';
    if (base == 8) prefix = "";
    long plen = (long)strlen(prefix), nfill = 0;
    if (flags & FPREC) nfill = prec - 2 - dlen;
    else if ((flags & FZERO) && !(flags & FMINUS) && (flags & FWIDTH)) nfill = width - plen - 2 - dlen;
    char pre[8];
    snprintf(pre, sizeof pre, "%s..", prefix);
    put_parts(f, flags, width, pre, "", fill, nfill, digits, dlen);
    return;
  }
  const char *sign = neg ? "-" : (flags & FPLUS) ? "+" : (flags & FSPACE) ? " " : "";
  if ((flags & FPREC) && prec == 0 && zero) dlen = 0;   /* C: "%.0d" of 0 prints nothing */
  long zeros = (flags & FPREC) && prec > dlen ? prec - dlen : 0;
  if (zero) prefix = base == 8 && dlen == 0 && (flags & FSHARP) ? "0" : "";
  else if (base == 8 && zeros > 0) prefix = "";           /* the zeros already lead with 0 */
  long slen = (long)strlen(sign), plen = (long)strlen(prefix);
  if ((flags & FZERO) && !(flags & (FMINUS | FPREC)) && (flags & FWIDTH) && width - slen - plen - dlen > zeros)
    zeros = width - slen - plen - dlen;
  put_parts(f, flags, width, sign, prefix, '0', zeros, digits, dlen);
}

/* %f of an Integer: exact digits (CRuby does not go through a double here). */
static void fmt_int_as_f(Fmt *f, VALUE v, int flags, long width, long prec) {
  VM *vm = f->vm;
  if (!(flags & FPREC)) prec = 6;
  bool neg = FIXNUM_P(v) ? FIX2LONG(v) < 0 : mpz_sgn(RBIGNUM(v)->mp) < 0;
  VALUE ds = kn_int_to_s_abs(vm, v, 10);
  f->hold = ds;
  const char *sign = neg ? "-" : (flags & FPLUS) ? "+" : (flags & FSPACE) ? " " : "";
  long slen = (long)strlen(sign);
  long len = slen + RSTRING_LEN(ds) + (prec > 0 ? 1 + prec : 0);   /* no '.' for "%#.0f" */
  long zeros = (flags & FZERO) && !(flags & FMINUS) && (flags & FWIDTH) && width > len ? width - len : 0;
  VALUE body = kn_str_buf_new(vm, len + zeros);
  kn_str_cat_cstr(vm, body, sign);
  for (long i = 0; i < zeros; i++) kn_str_cat(vm, body, "0", 1);
  kn_str_append(vm, body, ds);
  if (prec > 0) {
    kn_str_cat(vm, body, ".", 1);
    for (long i = 0; i < prec; i++) kn_str_cat(vm, body, "0", 1);
  }
  put_padded(f, flags, width, RSTRING_PTR(body), RSTRING_LEN(body), RSTRING_LEN(body));
}

/* %f of a Rational: exact digits, the last one rounded half away from zero (CRuby). */
static void fmt_rat_as_f(Fmt *f, VALUE v, int flags, long width, long prec) {
  VM *vm = f->vm;
  if (!(flags & FPREC)) prec = 6;
  VALUE num = RRATIONAL(v)->num, den = RRATIONAL(v)->den;
  bool neg = FIXNUM_P(num) ? FIX2LONG(num) < 0 : mpz_sgn(RBIGNUM(num)->mp) < 0;
  /* q = round(|num| * 10**prec / den) = floor((2|num|*10**prec + den) / 2den) */
  mpz_t a, d;
  mpz_inits(a, d, NULL);
  mpz_ui_pow_ui(d, 10, (unsigned long)prec);
  kn_int_get_mpz(num, a);
  mpz_abs(a, a);
  mpz_mul(a, a, d);
  mpz_mul_2exp(a, a, 1);
  kn_int_get_mpz(den, d);
  mpz_add(a, a, d);
  mpz_mul_2exp(d, d, 1);
  mpz_fdiv_q(a, a, d);
  mpz_clear(d);
  VALUE ds = kn_int_to_s_abs(vm, kn_big_take(vm, a), 10);
  f->hold = ds;
  /* the digits: ds with zeros in front to make at least prec + 1, the point before the last
   * prec of them; then the sign and any zero padding go in front */
  long nd = RSTRING_LEN(ds), lead = nd <= prec ? prec + 1 - nd : 0, ndig = lead + nd;
  const char *sign = neg ? "-" : (flags & FPLUS) ? "+" : (flags & FSPACE) ? " " : "";
  long slen = (long)strlen(sign);
  long len = slen + ndig + (prec > 0 ? 1 : 0);
  long zeros = (flags & FZERO) && !(flags & FMINUS) && (flags & FWIDTH) && width > len ? width - len : 0;
  char *digits = kn_xmalloc((size_t)ndig), *buf = kn_xmalloc((size_t)(len + zeros)), *q = buf;
  memset(digits, '0', (size_t)lead);
  memcpy(digits + lead, RSTRING_PTR(ds), (size_t)nd);
  memcpy(q, sign, (size_t)slen);
  q += slen;
  memset(q, '0', (size_t)zeros);
  q += zeros;
  memcpy(q, digits, (size_t)(ndig - prec));
  q += ndig - prec;
  if (prec > 0) {
    *q++ = '.';
    memcpy(q, digits + ndig - prec, (size_t)prec);
    q += prec;
  }
  free(digits);
  VALUE body = kn_str_new(vm, buf, (long)(q - buf));
  free(buf);
  put_padded(f, flags, width, RSTRING_PTR(body), RSTRING_LEN(body), RSTRING_LEN(body));
}

/* ---- floats -------------------------------------------------------------------------------- */

/* CRuby formats floats with its own dtoa, which is correctly rounded except in one case: its
 * floating-point fast path (at most 14 digits) breaks a near-tie -- remainder within a few
 * ulps of one half -- to the even last digit instead of deciding it exactly. glibc always
 * rounds exactly, so we find such near-ties and, when glibc would go the other way, hand it a
 * neighbouring double on CRuby's side of the midpoint. */

static const double tens[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                              1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
static const double bigtens[] = {1e16, 1e32, 1e64, 1e128, 1e256};

/* d > 0 finite normal. mode 3: `ndigits` after the point (%f); mode 2: significant digits.
 * Returns true for a fast-path near-tie, with the digits kept (*digits, *nd of them), the
 * decimal exponent of the first (*k) and CRuby's direction (*up); *exact_int when CRuby
 * then decides exactly after all (an integral value), keeping trailing zeros if it rounds
 * down. */
static bool quick_path_tie(double d, int mode, int ndigits, int64_t *digits, int *nd, int *k, bool *up,
                           bool *exact_int) {
  int e2;
  double m = frexp(d, &e2);   /* d = m * 2**e2, m in [0.5, 1) */
  if (d < DBL_MIN) return false;
  /* dtoa's estimate of floor(log10(d)) from the binary exponent */
  double est = (2 * m - 1.5) * 0.289529654602168 + 0.1760912590558 + (e2 - 1) * 0.301029995663981;
  int kk = (int)est;
  if (est < 0 && est != kk) kk--;
  bool k_check = true;
  if (kk >= 0 && kk <= 22) {
    if (d < tens[kk]) kk--;
    k_check = false;
  }
  int ilim, ilim1;
  if (mode == 3) { ilim = ndigits + kk + 1; ilim1 = ilim - 1; }
  else { if (ndigits <= 0) ndigits = 1; ilim = ilim1 = ndigits; }
  if (ilim < 1 || ilim > 14) return false;   /* ilim 0 is decided exactly by CRuby too */
  int ieps = 2;
  double u = d;
  if (kk > 0) {
    double ds = tens[kk & 0xf];
    int j = kk >> 4;
    if (j & 0x10) { j &= 0xf; u /= bigtens[4]; ieps++; }
    for (int i = 0; j; j >>= 1, i++)
      if (j & 1) { ieps++; ds *= bigtens[i]; }
    u /= ds;
  } else if (kk < 0) {
    int j1 = -kk;
    u *= tens[j1 & 0xf];
    for (int j = j1 >> 4, i = 0; j; j >>= 1, i++)
      if (j & 1) { ieps++; u *= bigtens[i]; }
  }
  if (k_check && u < 1.0) {
    if (ilim1 <= 0) return false;
    ilim = ilim1;
    kk--;
    u *= 10.0;
    ieps++;
  }
  double eps = ldexp(ieps * u + 7.0, -52) * tens[ilim - 1];
  int64_t n = 0;
  for (int i = 1;; i++, u *= 10.0) {
    long L = (long)u;
    u -= (double)L;
    n = n * 10 + L;
    if (u == 0) return false;          /* exact: no rounding at all */
    if (i == ilim) {
      if (u > 0.5 + eps || u < 0.5 - eps) return false;
      /* an even digit falls back to CRuby's exact paths; the general one keeps the
       * half-even decision, but integral values below 1e15 are rounded exactly there */
      *exact_int = !(L & 1) && d == floor(d) && kk <= 14;
      *digits = n;
      *nd = ilim;
      *k = kk;
      *up = (L & 1) != 0;
      return true;
    }
  }
}

/* Sign of d - (2n+1)/2 * 10**q, exactly (d > 0). */
static int cmp_midpoint(double d, int64_t n, int q) {
  int e;
  double m = frexp(d, &e);
  mpz_t lhs, rhs;
  mpz_inits(lhs, rhs, NULL);
  mpz_set_d(lhs, ldexp(m, 53));
  e -= 53;                             /* d = lhs * 2**e */
  mpz_set_si(rhs, (long)(2 * n + 1)); /* 2d vs (2n+1) * 10**q */
  e += 1;
  if (e >= 0) mpz_mul_2exp(lhs, lhs, (mp_bitcnt_t)e);
  else mpz_mul_2exp(rhs, rhs, (mp_bitcnt_t)-e);
  mpz_t p;
  mpz_init(p);
  mpz_ui_pow_ui(p, 10, (unsigned long)(q < 0 ? -q : q));
  if (q >= 0) mpz_mul(rhs, rhs, p);
  else mpz_mul(lhs, lhs, p);
  int c = mpz_cmp(lhs, rhs);
  mpz_clears(lhs, rhs, p, NULL);
  return (c > 0) - (c < 0);
}

/* The double glibc should print so that its exact rounding gives CRuby's digits. When CRuby
 * rounded down against the exact value its digit string keeps trailing zeros, which %g then
 * shows: *keep_zeros reports that case. */
static double ruby_rounding_value(double d, char conv, int prec, bool *keep_zeros) {
  *keep_zeros = false;
  if (d == 0.0 || !isfinite(d)) return d;
  int mode = conv == 'f' ? 3 : 2;
  int ndigits = conv == 'f' ? prec : (conv == 'e' || conv == 'E') ? prec + 1 : (prec == 0 ? 1 : prec);
  double a = fabs(d);
  int64_t n;
  int nd, k;
  bool up, exact_int = false;
  if (!quick_path_tie(a, mode, ndigits, &n, &nd, &k, &up, &exact_int)) return d;
  int q = k - nd + 1;                  /* the midpoint is (n + 1/2) * 10**q */
  int c = cmp_midpoint(a, n, q);
  if (exact_int) {                     /* glibc rounds the same; only the zeros differ */
    *keep_zeros = c < 0 || (c == 0 && !(n & 1));
    return d;
  }
  if (c == 0 || (c > 0) == up) return d;   /* glibc already rounds CRuby's way */
  double y = a;
  for (int i = 0; i < 64; i++) {
    y = nextafter(y, up ? HUGE_VAL : 0.0);
    int cy = cmp_midpoint(y, n, q);
    if (up ? cy > 0 : cy < 0) {
      *keep_zeros = !up;
      return d < 0 ? -y : y;
    }
  }
  return d;
}

/* glibc's %a may carry into "0x2.000p+0"; CRuby renormalises to "0x1.000p+1". buf holds
 * the unpadded text; returns its new length. */
static int fix_hex_carry(char *buf, int n) {
  char *x = strstr(buf, "0x");
  if (!x) x = strstr(buf, "0X");
  if (!x || x[2] != '2') return n;
  char *pp = strpbrk(x, "pP");
  if (!pp) return n;
  x[2] = '1';
  return (int)(pp + 1 - buf) + sprintf(pp + 1, "%+ld", strtol(pp + 1, NULL, 10) + 1);
}

/* CRuby's %.13a keeps only 51 fraction bits (its hex dtoa rounds one bit too many for
 * exactly 13 digits); reproduce that rounding (half-even) before printing. */
static double hex13_round(double d) {
  if (d == 0.0 || !isfinite(d) || fabs(d) < DBL_MIN) return d;
  int e;
  double m = frexp(fabs(d), &e) * 2.0;    /* [1, 2) */
  volatile double t = m + 1.0;             /* [2, 3): ulp 2**-51 */
  m = t - 1.0;
  double r = ldexp(m, e - 1);
  return d < 0 ? -r : r;
}

static void fmt_float(Fmt *f, double d, char conv, int flags, long width, long prec) {
  if (!isfinite(d)) {
    const char *s = isnan(d) ? "NaN" : "Inf";
    char body[8];
    const char *sign = (!isnan(d) && d < 0) ? "-" : (flags & FPLUS) ? "+" : (flags & FSPACE) ? " " : "";
    int n = snprintf(body, sizeof body, "%s%s", sign, s);
    put_padded(f, flags, width, body, n, n);
    return;
  }
  char spec[32], *p = spec;
  bool hex = conv == 'a' || conv == 'A';
  int pr = (flags & FPREC) ? (int)prec : hex ? -1 : 6;
  bool keep_zeros = false;
  if (!hex) d = ruby_rounding_value(d, (char)(conv | 0x20), pr, &keep_zeros);
  else if (pr == 13) d = hex13_round(d);
  bool strip_dot = false;   /* %g keeping zeros as '#' would, but without a bare trailing '.' */
  if (keep_zeros && (conv == 'g' || conv == 'G') && !(flags & FSHARP)) { flags |= FSHARP; strip_dot = true; }
  *p++ = '%';
  if (flags & FSHARP) *p++ = '#';
  if (flags & FMINUS) *p++ = '-';
  if (flags & FPLUS) *p++ = '+';
  if (flags & FSPACE) *p++ = ' ';
  if (flags & FZERO) *p++ = '0';
  *p++ = '*';
  *p++ = '.';
  *p++ = '*';
  *p++ = conv;
  *p = '\0';
  int w = (flags & FWIDTH) ? (int)width : 0;
  char sbuf[128];
  if (hex) {   /* unpadded, renormalised, then padded here (zeros go after "0x") */
    char *hb = sbuf;
    int n = snprintf(sbuf, sizeof sbuf - 8, spec, 0, pr, d);
    if (n >= (int)sizeof sbuf - 8) {
      hb = kn_xmalloc((size_t)n + 8);
      snprintf(hb, (size_t)n + 1, spec, 0, pr, d);
    }
    n = fix_hex_carry(hb, n);
    long pad = w > n ? w - n : 0;
    if ((flags & FZERO) && !(flags & FMINUS) && pad > 0) {
      char *x = strpbrk(hb, "xX");
      put(f, hb, x + 1 - hb);
      put_fill(f, '0', pad);
      put(f, x + 1, n - (x + 1 - hb));
    } else {
      put_padded(f, flags, width, hb, n, n);
    }
    if (hb != sbuf) free(hb);
    return;
  }
  int n = snprintf(sbuf, sizeof sbuf, spec, w, pr, d);
  if (n < (int)sizeof sbuf) {
    if (strip_dot) {
      char *dot = strchr(sbuf, '.');
      if (dot && !(dot[1] >= '0' && dot[1] <= '9')) {
        memmove(dot, dot + 1, strlen(dot));
        n--;
        if (n < w) {   /* restore the width the '.' took */
          if (flags & FMINUS) { sbuf[n++] = ' '; sbuf[n] = '\0'; }
          else {
            char *at = sbuf;
            if ((flags & FZERO)) { while (*at == '+' || *at == '-' || *at == ' ') at++; }
            memmove(at + 1, at, strlen(at) + 1);
            *at = (flags & FZERO) ? '0' : ' ';
            n++;
          }
        }
      }
    }
    put(f, sbuf, n);
    return;
  }
  char *big = kn_xmalloc((size_t)n + 1);
  snprintf(big, (size_t)n + 1, spec, w, pr, d);
  put(f, big, n);
  free(big);
}

/* ---- %c ------------------------------------------------------------------------------------ */

static void fmt_char(Fmt *f, VALUE v, int flags, long width) {
  VM *vm = f->vm;
  char buf[4];
  long n;
  VALUE s = kn_is_type(v, T_STRING) ? v : kn_check_convert(vm, v, T_STRING, vm->id_to_str);
  if (!NIL_P(s)) {
    const char *p = RSTRING_PTR(s);
    long len = RSTRING_LEN(s);
    if (utf8_chars(p, len) != 1) kn_raise(vm, vm->eArgumentError, "%%c requires a character");
    put_padded(f, flags, width, p, len, 1);
    return;
  }
  long c = (long)kn_num2long(vm, kn_to_int(vm, v));
  if (c < 0 || c > 0x10ffff) { buf[0] = (char)(c & 0xff); n = 1; }
  else if (c < 0x80) { buf[0] = (char)c; n = 1; }
  else if (c < 0x800) { buf[0] = (char)(0xc0 | (c >> 6)); buf[1] = (char)(0x80 | (c & 0x3f)); n = 2; }
  else if (c < 0x10000) {
    buf[0] = (char)(0xe0 | (c >> 12)); buf[1] = (char)(0x80 | ((c >> 6) & 0x3f));
    buf[2] = (char)(0x80 | (c & 0x3f)); n = 3;
  } else {
    buf[0] = (char)(0xf0 | (c >> 18)); buf[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    buf[2] = (char)(0x80 | ((c >> 6) & 0x3f)); buf[3] = (char)(0x80 | (c & 0x3f)); n = 4;
  }
  put_padded(f, flags, width, buf, n, 1);
}

/* ---- the engine ---------------------------------------------------------------------------- */

static long scan_num(VM *vm, const char **pp, const char *end) {
  const char *p = *pp;
  long n = 0;
  while (p < end && *p >= '0' && *p <= '9') {
    n = n * 10 + (*p - '0');
    if (n > 0x7fffffff) kn_raise(vm, vm->eArgumentError, "width too big");
    p++;
  }
  *pp = p;
  return n;
}

static long star_arg(Fmt *f, const char **pp, const char *end) {
  /* "*" or "*n$" */
  const char *p = *pp + 1, *q = p;
  long n = scan_num(f->vm, &q, end);
  VALUE v;
  if (q > p && q < end && *q == '$') { v = pos_arg(f, n); p = q + 1; }
  else v = next_arg(f);
  *pp = p;
  return (long)kn_num2long(f->vm, kn_to_int(f->vm, v));
}

VALUE kn_sprintf(VM *vm, VALUE fmtv, int argc, const VALUE *argv) {
  fmtv = kn_check_string(vm, fmtv);
  Fmt f = {vm, fmtv, Qnil, argc, argv, 0, 0, Qundef, Qnil};
  const char *p = RSTRING_PTR(fmtv), *end = p + RSTRING_LEN(fmtv);
  f.out = kn_str_buf_new(vm, RSTRING_LEN(fmtv) + 16);
  if (RBASIC(fmtv)->flags & FL_STR_BINARY) RBASIC(f.out)->flags |= FL_STR_BINARY;
  while (p < end) {
    const char *pct = memchr(p, '%', (size_t)(end - p));
    if (!pct) { put(&f, p, end - p); break; }
    put(&f, p, pct - p);
    p = pct + 1;
    int flags = 0;
    long width = 0, prec = 0;
    VALUE arg = Qundef;
    const char *spec_start = pct;
    for (;;) {
      if (p >= end) kn_raise(vm, vm->eArgumentError, "incomplete format specifier; use %%%% (double %%) instead");
      char c = *p;
      switch (c) {
      case ' ': flags |= FSPACE; p++; continue;
      case '#': flags |= FSHARP; p++; continue;
      case '+': flags |= FPLUS; p++; continue;
      case '-': flags |= FMINUS; p++; continue;
      case '0': flags |= FZERO; p++; continue;
      case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': {
        long n = scan_num(vm, &p, end);
        if (p >= end) kn_raise(vm, vm->eArgumentError, "malformed format string - %%*[0-9]");
        if (*p == '$') {
          if (arg != Qundef) kn_raise(vm, vm->eArgumentError, "value given twice - %ld$", n);
          arg = pos_arg(&f, n);
          p++;
          continue;
        }
        if (flags & FWIDTH) kn_raise(vm, vm->eArgumentError, "width given twice");
        width = n;
        flags |= FWIDTH;
        continue;
      }
      case '<': case '{': {
        char term = c == '<' ? '>' : '}';
        const char *q = memchr(p, term, (size_t)(end - p));
        if (!q) kn_raise(vm, vm->eArgumentError, "malformed name - unmatched parenthesis");
        if (arg != Qundef) kn_raise(vm, vm->eArgumentError, "named%.*s after <%s>", (int)(q + 1 - p), p, "?");
        arg = named_arg(&f, p, q + 1 - p);
        p = q + 1;
        if (term == '}') {
          fmt_string(&f, kn_obj_as_string(vm, arg), flags, width, prec);
          goto next;
        }
        continue;
      }
      case '*': {
        if (flags & FWIDTH) kn_raise(vm, vm->eArgumentError, "width given twice");
        long w = star_arg(&f, &p, end);
        if (w < 0) { flags |= FMINUS; w = -w; }
        width = w;
        flags |= FWIDTH;
        continue;
      }
      case '.': {
        if (flags & FPREC) kn_raise(vm, vm->eArgumentError, "precision given twice");
        flags |= FPREC;
        p++;
        if (p < end && *p == '*') {
          prec = star_arg(&f, &p, end);
          if (prec < 0) flags &= ~FPREC;
        } else {
          prec = scan_num(vm, &p, end);
        }
        continue;
      }
      case '\n': case '\0':
        p--;
        /* fall through */
      case '%':
        if (flags != 0 || arg != Qundef)
          kn_raise(vm, vm->eArgumentError, "invalid format character - %%");
        put(&f, "%", 1);
        p++;
        goto next;
      case 'c':
        p++;
        fmt_char(&f, arg != Qundef ? arg : next_arg(&f), flags, width);
        goto next;
      case 's': case 'p': {
        p++;
        VALUE v = arg != Qundef ? arg : next_arg(&f);
        VALUE s = c == 's' ? kn_obj_as_string(vm, v) : kn_inspect(vm, v);
        fmt_string(&f, s, flags, width, prec);
        goto next;
      }
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'b': case 'B': {
        p++;
        VALUE v = to_integer(&f, arg != Qundef ? arg : next_arg(&f));
        fmt_integer(&f, v, c, flags, width, prec);
        goto next;
      }
      case 'f': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A': {
        p++;
        VALUE v = arg != Qundef ? arg : next_arg(&f);
        if (c == 'f' && kn_integer_p(v)) fmt_int_as_f(&f, v, flags, width, prec);
        else if (c == 'f' && kn_is_type(v, T_RATIONAL)) fmt_rat_as_f(&f, v, flags, width, prec);
        else fmt_float(&f, kn_to_dbl_conv(vm, v), c, flags, width, prec);
        goto next;
      }
      default: {
        /* report the whole (possibly multibyte) character */
        long clen = utf8_prefix(p, end - p, 1);
        (void)spec_start;
        kn_raise(vm, vm->eArgumentError, "malformed format string - %%%.*s", (int)clen, p);
      }
      }
    }
  next:;
  }
  return f.out;
}

/* ---- Ruby-visible methods ------------------------------------------------------------------- */

static VALUE k_format(ARGS) {
  (void)self; (void)blk;
  return kn_sprintf(vm, argv[0], argc - 1, argv + 1);
}

static VALUE k_printf(ARGS) {
  (void)self; (void)blk;
  if (argc == 0) return Qnil;
  if (kn_is_type(argv[0], T_STRING)) {
    VALUE s = kn_sprintf(vm, argv[0], argc - 1, argv + 1);
    kn_io_write(vm, vm->stdout_obj, RSTRING_PTR(s), RSTRING_LEN(s));
    kn_keep_alive(s);
    return Qnil;
  }
  if (argc < 2) kn_raise(vm, vm->eArgumentError, "too few arguments");
  VALUE s = kn_sprintf(vm, argv[1], argc - 2, argv + 2);
  kn_funcall(vm, argv[0], kn_intern(vm, "write"), 1, &s);
  return Qnil;
}

static VALUE str_format(ARGS) {
  (void)argc; (void)blk;
  VALUE a = kn_check_array(vm, argv[0]);
  if (!NIL_P(a)) {
    a = kn_ary_dup(vm, a);   /* a private copy: to_s/inspect of an element may mutate the original */
    return kn_sprintf(vm, self, (int)RARRAY_LEN(a), RARRAY_PTR(a));
  }
  return kn_sprintf(vm, self, 1, argv);
}

void kn_init_sprintf(VM *vm) {
  kn_define_module_function(vm, vm->cKernel, "format", k_format, 1, -1);
  kn_define_module_function(vm, vm->cKernel, "sprintf", k_format, 1, -1);
  kn_define_module_function(vm, vm->cKernel, "printf", k_printf, 0, -1);
  kn_define_method(vm, vm->cString, "%", str_format, 1, 1);
}
