/* bignum.c -- Integer representation: Fixnum/Bignum construction and normalisation, GMP
 * helpers, exact Integer<->double conversion and comparison, Integer parsing and printing.
 * A T_BIGNUM (class Integer, frozen) owns an mpz_t; the GC mpz_clear's it. Invariant kept
 * by every function here: a Bignum never holds a value that fits a Fixnum. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include "numeric.h"

_Static_assert(GMP_NUMB_BITS == 64, "kiln assumes 64-bit GMP limbs");

/* ---- construction ----------------------------------------------------------------------- */

static VALUE big_alloc(VM *vm) {
  VALUE v = kn_obj_alloc(vm, T_BIGNUM, vm->cInteger);
  RBASIC(v)->flags |= FL_FROZEN;
  return v;
}

static bool mpz_fixable(const mpz_t z) {
  if (!mpz_fits_slong_p(z)) return false;
  long n = mpz_get_si(z);
  return FIXABLE(n);
}

VALUE kn_big_new_mpz(VM *vm, const mpz_t z) {
  if (mpz_fixable(z)) return INT2FIX(mpz_get_si(z));
  VALUE v = big_alloc(vm);
  mpz_init_set(RBIGNUM(v)->mp, z);
  return v;
}

VALUE kn_big_take(VM *vm, mpz_t z) {
  if (mpz_fixable(z)) {
    VALUE r = INT2FIX(mpz_get_si(z));
    mpz_clear(z);
    return r;
  }
  /* the slot is zeroed, so a GC during big_alloc frees nothing; then move z's limbs in */
  VALUE v = big_alloc(vm);
  RBIGNUM(v)->mp[0] = z[0];
  return v;
}

VALUE kn_int_new(VM *vm, intptr_t n) {
  if (FIXABLE(n)) return INT2FIX(n);
  VALUE v = big_alloc(vm);
  mpz_init_set_si(RBIGNUM(v)->mp, n);
  return v;
}

VALUE kn_int_from_ll(VM *vm, long long n) { return kn_int_new(vm, (intptr_t)n); }

VALUE kn_int_from_ull(VM *vm, unsigned long long n) {
  if (n <= (unsigned long long)FIXNUM_MAX) return INT2FIX((intptr_t)n);
  VALUE v = big_alloc(vm);
  mpz_init_set_ui(RBIGNUM(v)->mp, n);
  return v;
}

bool kn_integer_p(VALUE v) { return FIXNUM_P(v) || kn_is_type(v, T_BIGNUM); }

void kn_int_get_mpz(VALUE v, mpz_t out) {
  if (FIXNUM_P(v)) mpz_set_si(out, FIX2LONG(v));
  else mpz_set(out, RBIGNUM(v)->mp);
}

/* ---- doubles ------------------------------------------------------------------------------ */

double kn_big_to_dbl(const mpz_t z) {
  size_t n = mpz_size(z);
  if (n == 0) return 0.0;
  if (n == 1 && mpz_getlimbn(z, 0) < (1ULL << 63)) return (double)mpz_get_si(z);
  /* take the top 64 significant bits, OR a sticky bit for anything below: the hardware's
   * uint64 -> double conversion then rounds to nearest-even exactly as the full value */
  uint64_t hi = mpz_getlimbn(z, (mp_size_t)n - 1);
  uint64_t lo = n >= 2 ? mpz_getlimbn(z, (mp_size_t)n - 2) : 0;
  int lz = __builtin_clzll(hi);
  uint64_t top = lz ? (hi << lz) | (lo >> (64 - lz)) : hi;
  bool sticky = lz ? (lo << lz) != 0 : lo != 0;
  for (mp_size_t i = (mp_size_t)n - 3; i >= 0 && !sticky; i--) sticky = mpz_getlimbn(z, i) != 0;
  if (sticky) top |= 1;
  long shift = (long)(n * 64) - lz - 64;   /* bit length minus 64 */
  double d = shift > 2000 ? HUGE_VAL : ldexp((double)top, (int)shift);
  return mpz_sgn(z) < 0 ? -d : d;
}

double kn_int_to_dbl(VALUE v) {
  return FIXNUM_P(v) ? (double)FIX2LONG(v) : kn_big_to_dbl(RBIGNUM(v)->mp);
}

VALUE kn_dbl_to_int(VM *vm, double d) {
  if (isnan(d)) kn_raise(vm, vm->eFloatDomainError, "NaN");
  if (isinf(d)) kn_raise(vm, vm->eFloatDomainError, d < 0 ? "-Infinity" : "Infinity");
  /* 2^62 is exactly representable: FIXNUM range is [-2^62, 2^62) */
  if (d < 4611686018427387904.0 && d >= -4611686018427387904.0) return INT2FIX((intptr_t)d);
  mpz_t z;
  mpz_init_set_d(z, d);
  return kn_big_take(vm, z);
}

int kn_int_cmp(VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return (intptr_t)a < (intptr_t)b ? -1 : a != b;
  if (FIXNUM_P(a)) return -mpz_sgn(RBIGNUM(b)->mp);   /* |bignum| > any fixnum */
  if (FIXNUM_P(b)) return mpz_sgn(RBIGNUM(a)->mp);
  int c = mpz_cmp(RBIGNUM(a)->mp, RBIGNUM(b)->mp);
  return c < 0 ? -1 : c > 0;
}

int kn_int_cmp_dbl(VALUE i, double d) {
  if (isnan(d)) return 2;
  if (FIXNUM_P(i)) {
    intptr_t n = FIX2LONG(i);
    if (n > -(1LL << 53) && n < (1LL << 53)) {
      double x = (double)n;
      return x < d ? -1 : x > d;
    }
    if (isinf(d)) return d > 0 ? -1 : 1;
    mpz_t t;
    mpz_init_set_si(t, n);
    int c = mpz_cmp_d(t, d);
    mpz_clear(t);
    return c < 0 ? -1 : c > 0;
  }
  int c = mpz_cmp_d(RBIGNUM(i)->mp, d);   /* exact; GMP accepts infinities */
  return c < 0 ? -1 : c > 0;
}

/* ---- printing ----------------------------------------------------------------------------- */

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

static VALUE int_to_s(VM *vm, VALUE v, int base, bool abs) {
  if (base < 2 || base > 36) kn_raise(vm, vm->eArgumentError, "invalid radix %d", base);
  if (FIXNUM_P(v)) {
    char buf[72];
    char *p = buf + sizeof buf;
    intptr_t n = FIX2LONG(v);
    uintptr_t u = n < 0 ? (uintptr_t)0 - (uintptr_t)n : (uintptr_t)n;
    do { *--p = digit_chars[u % (unsigned)base]; u /= (unsigned)base; } while (u);
    if (n < 0 && !abs) *--p = '-';
    return kn_str_new(vm, p, (long)(buf + sizeof buf - p));
  }
  const mpz_t *z = &RBIGNUM(v)->mp;
  size_t cap = mpz_sizeinbase(*z, base) + 2;
  char *buf = kn_xmalloc(cap);
  mpz_get_str(buf, base, *z);
  char *p = buf;
  if (abs && *p == '-') p++;
  VALUE s = kn_str_new(vm, p, (long)strlen(p));
  free(buf);
  return s;
}

VALUE kn_int_to_s(VM *vm, VALUE i, int base) { return int_to_s(vm, i, base, false); }
VALUE kn_int_to_s_abs(VM *vm, VALUE i, int base) { return int_to_s(vm, i, base, true); }

/* ---- parsing ------------------------------------------------------------------------------ */

static int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

static bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

VALUE kn_str_to_inum(VM *vm, const char *s, long len, int base, bool strict) {
  if (base < 0 || base == 1 || base > 36) kn_raise(vm, vm->eArgumentError, "invalid radix %d", base);
  const char *p = s, *e = s + len;
  while (p < e && is_space(*p)) p++;
  bool neg = false;
  if (p < e && (*p == '+' || *p == '-')) { neg = *p == '-'; p++; }
  if (e - p >= 2 && p[0] == '0') {
    char c = (char)(p[1] | 0x20);
    int pb = c == 'x' ? 16 : c == 'b' ? 2 : c == 'o' ? 8 : c == 'd' ? 10 : 0;
    if (pb && (base == 0 || base == pb)) { base = pb; p += 2; }
    else if (base == 0) base = 8;            /* "017": the 0 is itself an octal digit */
  }
  if (base == 0) base = 10;

  /* collect digits; an underscore is allowed only between two digits */
  char sbuf[128];
  char *buf = sbuf;
  long cap = (long)sizeof sbuf - 1, nd = 0;
  uint64_t acc = 0;
  bool overflow = false;
  while (p < e) {
    int d = digit_value(*p);
    if (d >= base) {
      if (*p == '_' && nd > 0 && p + 1 < e && digit_value(p[1]) < base) { p++; continue; }
      break;
    }
    if (nd == cap) {
      long ncap = cap * 2 + 1;
      char *nb = kn_xmalloc((size_t)ncap + 1);
      memcpy(nb, buf, (size_t)nd);
      if (buf != sbuf) free(buf);
      buf = nb;
      cap = ncap;
    }
    buf[nd++] = *p++;
    if (!overflow && (__builtin_mul_overflow(acc, (uint64_t)base, &acc) ||
                      __builtin_add_overflow(acc, (uint64_t)d, &acc)))
      overflow = true;
  }
  VALUE result;
  if (nd == 0) {
    result = strict ? Qnil : INT2FIX(0);
  } else {
    if (strict) {
      while (p < e && is_space(*p)) p++;
    }
    if (strict && p != e) {
      result = Qnil;
    } else if (!overflow && acc <= (uint64_t)FIXNUM_MAX) {
      result = INT2FIX(neg ? -(intptr_t)acc : (intptr_t)acc);
    } else {
      buf[nd] = '\0';
      mpz_t z;
      mpz_init_set_str(z, buf, base);
      if (neg) mpz_neg(z, z);
      result = kn_big_take(vm, z);
    }
  }
  if (buf != sbuf) free(buf);
  return result;
}

/* Contract (used by the compiler for big literals): `digits` is a NUL-terminated numeral,
 * optionally signed, in `base` (0 = auto-detect prefix); returns Qnil instead of raising
 * when it is not a valid integer. */
VALUE kn_int_from_cstr(VM *vm, const char *digits, int base) {
  if (base < 0 || base == 1 || base > 36) return Qnil;
  return kn_str_to_inum(vm, digits, (long)strlen(digits), base, true);
}
