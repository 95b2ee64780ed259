/* rational.c -- Rational and Complex as CRuby 3.1 has them: construction and normalization,
 * arithmetic with Integer/Float/each other (Float contaminates; the coercion protocol of
 * numeric.c for anything else), rounding, rationalize, string parsing (Kernel#Rational and
 * #Complex, String#to_r and #to_c) and the conversions on Integer, Float, nil and Numeric.
 * Both types are immutable T_RATIONAL / T_COMPLEX pairs (object.h); literals (3r, 2i) are
 * built by the compiler through kn_rational_from_numeral and kn_complex_new.
 *
 * Rational arithmetic stays on Integers (Fixnum fast paths in numeric.c's kn_int_*). Complex
 * parts may be any real Numeric, so Complex arithmetic goes through the f_* helpers below:
 * fast paths for Fixnums and Floats, a method call otherwise, which is what CRuby does. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include "numeric.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define NOARGS (void)argc; (void)argv; (void)blk   /* a method that takes no arguments */
#define DBL(d) kn_float_new(vm, (d))
#define FV(v) kn_float_value(v)

static inline bool int_p(VALUE v) { return FIXNUM_P(v) || kn_is_type(v, T_BIGNUM); }
static inline bool rat_p(VALUE v) { return kn_is_type(v, T_RATIONAL); }
static inline bool cpx_p(VALUE v) { return kn_is_type(v, T_COMPLEX); }
#define NUM(r) (RRATIONAL(r)->num)
#define DEN(r) (RRATIONAL(r)->den)
#define RE(c) (RCOMPLEX(c)->real)
#define IM(c) (RCOMPLEX(c)->imag)

static ID id(VM *vm, const char *name) { return kn_intern(vm, name); }
static _Noreturn void zerodiv(VM *vm) { kn_raise(vm, vm->eZeroDivisionError, "divided by 0"); }

/* ---- Integer helpers ----------------------------------------------------------------------- */

static int i_sign(VALUE v) {
  if (FIXNUM_P(v)) return (FIX2LONG(v) > 0) - (FIX2LONG(v) < 0);
  return mpz_sgn(RBIGNUM(v)->mp);
}

static VALUE i_neg(VM *vm, VALUE v) { return kn_int_minus(vm, INT2FIX(0), v); }
static VALUE i_abs(VM *vm, VALUE v) { return i_sign(v) < 0 ? i_neg(vm, v) : v; }
#define i_add kn_int_plus
#define i_sub kn_int_minus
#define i_mul kn_int_mult
#define i_floordiv kn_int_div   /* floor division by a non-zero Integer */

static uint64_t uabs64(intptr_t n) { return n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n; }

/* gcd(|a|, |b|), >= 0 */
static VALUE i_gcd(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) {
    uint64_t x = uabs64(FIX2LONG(a)), y = uabs64(FIX2LONG(b));
    while (y) { uint64_t t = x % y; x = y; y = t; }
    return kn_int_from_ull(vm, x);
  }
  mpz_t x, y;
  mpz_inits(x, y, NULL);
  kn_int_get_mpz(a, x);
  kn_int_get_mpz(b, y);
  mpz_gcd(x, x, y);
  mpz_clear(y);
  return kn_big_take(vm, x);
}

/* a / d where d divides a exactly (d > 0) */
static VALUE i_divexact(VM *vm, VALUE a, VALUE d) {
  if (d == INT2FIX(1)) return a;
  if (FIXNUM_P(a) && FIXNUM_P(d)) return INT2FIX(FIX2LONG(a) / FIX2LONG(d));
  mpz_t x, y;
  mpz_inits(x, y, NULL);
  kn_int_get_mpz(a, x);
  kn_int_get_mpz(d, y);
  mpz_divexact(x, x, y);
  mpz_clear(y);
  return kn_big_take(vm, x);
}

/* a * 2**n or a * 10**n (n >= 0) */
static VALUE i_scale(VM *vm, VALUE a, unsigned long base, unsigned long n) {
  if (n == 0) return a;
  mpz_t x, p;
  mpz_inits(x, p, NULL);
  kn_int_get_mpz(a, x);
  mpz_ui_pow_ui(p, base, n);
  mpz_mul(x, x, p);
  mpz_clear(p);
  return kn_big_take(vm, x);
}

/* ---- Rational construction ----------------------------------------------------------------- */

static VALUE rat_raw(VM *vm, VALUE num, VALUE den) {
  VALUE r = kn_obj_alloc(vm, T_RATIONAL, vm->cRational);
  RRATIONAL(r)->num = num;
  RRATIONAL(r)->den = den;
  RBASIC(r)->flags |= FL_FROZEN;
  return r;
}

VALUE kn_rational_new(VM *vm, VALUE num, VALUE den) {
  int s = i_sign(den);
  if (s == 0) zerodiv(vm);
  if (s < 0) { num = i_neg(vm, num); den = i_neg(vm, den); }
  VALUE g = i_gcd(vm, num, den);
  if (g != INT2FIX(1)) { num = i_divexact(vm, num, g); den = i_divexact(vm, den, g); }
  return rat_raw(vm, num, den);
}
#define rat_new kn_rational_new

static VALUE rat_from_int(VM *vm, VALUE i) { return rat_raw(vm, i, INT2FIX(1)); }

/* A Rational whose denominator is 1 as an Integer; anything else unchanged. */
static VALUE rat_canon(VALUE v) {
  return rat_p(v) && DEN(v) == INT2FIX(1) ? NUM(v) : v;
}

VALUE kn_rational_from_numeral(VM *vm, const char *numeral, int base) {
  const char *dot = base == 10 ? strchr(numeral, '.') : NULL;
  if (!dot) {
    VALUE n = kn_int_from_cstr(vm, numeral, base);
    return rat_from_int(vm, NIL_P(n) ? INT2FIX(0) : n);
  }
  /* "1.25": digits without the dot over 10**(digits after it) */
  size_t len = strlen(numeral), frac = len - (size_t)(dot - numeral) - 1;
  char *digits = kn_xmalloc(len);
  memcpy(digits, numeral, (size_t)(dot - numeral));
  memcpy(digits + (dot - numeral), dot + 1, frac + 1);
  VALUE n = kn_int_from_cstr(vm, digits, 10);
  free(digits);
  return rat_new(vm, NIL_P(n) ? INT2FIX(0) : n, i_scale(vm, INT2FIX(1), 10, frac));
}

/* Exact value of a finite double; FloatDomainError for NaN and the infinities. */
static VALUE dbl_to_r(VM *vm, double d) {
  if (isnan(d)) kn_raise(vm, vm->eFloatDomainError, "NaN");
  if (isinf(d)) kn_raise(vm, vm->eFloatDomainError, d < 0 ? "-Infinity" : "Infinity");
  int e;
  double f = ldexp(frexp(d, &e), DBL_MANT_DIG);   /* d = f * 2**(e - 53), f integral */
  e -= DBL_MANT_DIG;
  VALUE m = kn_dbl_to_int(vm, f);
  if (e >= 0) return rat_from_int(vm, i_scale(vm, m, 2, (unsigned long)e));
  return rat_new(vm, m, i_scale(vm, INT2FIX(1), 2, (unsigned long)-e));
}

/* Integer, Rational or Float (exactly) as a Rational; anything else through #to_r. */
static VALUE to_rational(VM *vm, VALUE v) {
  if (int_p(v)) return rat_from_int(vm, v);
  if (rat_p(v)) return v;
  if (kn_float_p(v)) return dbl_to_r(vm, FV(v));
  if (!SPECIAL_CONST_P(v) && kn_respond_to(vm, v, kn_intern(vm, "to_r"), true)) {
    VALUE r = kn_funcall(vm, v, kn_intern(vm, "to_r"), 0, NULL);
    if (rat_p(r)) return r;
    VALUE vc = kn_class_name_of(vm, v), rc = kn_class_name_of(vm, r);
    kn_raise(vm, vm->eTypeError, "can't convert %V to Rational (%V#to_r gives %V)", vc, vc, rc);
  }
  if (NIL_P(v) || v == Qtrue || v == Qfalse)
    kn_raise(vm, vm->eTypeError, "can't convert %s into Rational",
             NIL_P(v) ? "nil" : v == Qtrue ? "true" : "false");
  kn_raise(vm, vm->eTypeError, "can't convert %V into Rational", kn_class_name_of(vm, v));
}

/* ---- generic real-number operations (Complex parts, rationalize) ---------------------------- */

static bool f_float_p(VALUE v) { return kn_float_p(v); }

static VALUE f_add(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return kn_int_plus(vm, a, b);
  if (f_float_p(a) && f_float_p(b)) return DBL(FV(a) + FV(b));
  return kn_funcall(vm, a, vm->id_plus, 1, &b);
}
static VALUE f_sub(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return kn_int_minus(vm, a, b);
  if (f_float_p(a) && f_float_p(b)) return DBL(FV(a) - FV(b));
  return kn_funcall(vm, a, vm->id_minus, 1, &b);
}
static VALUE f_mul(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return kn_int_mult(vm, a, b);
  if (f_float_p(a) && f_float_p(b)) return DBL(FV(a) * FV(b));
  return kn_funcall(vm, a, vm->id_mult, 1, &b);
}
static VALUE f_call1(VM *vm, VALUE a, const char *op, VALUE b) {
  return kn_funcall(vm, a, id(vm, op), 1, &b);
}
static VALUE f_call0(VM *vm, VALUE a, const char *op) { return kn_funcall(vm, a, id(vm, op), 0, NULL); }
static VALUE f_neg(VM *vm, VALUE a) {
  if (int_p(a)) return i_neg(vm, a);
  if (f_float_p(a)) return DBL(-FV(a));
  return kn_funcall(vm, a, vm->id_uminus, 0, NULL);
}
static bool f_eq(VM *vm, VALUE a, VALUE b) {   /* a == b (no identity shortcut: NaN) */
  if (FIXNUM_P(a) && FIXNUM_P(b)) return a == b;
  if (f_float_p(a) && f_float_p(b)) return FV(a) == FV(b);
  return RTEST(kn_funcall(vm, a, vm->id_eq, 1, &b));
}
static bool f_lt(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return (intptr_t)a < (intptr_t)b;
  return RTEST(kn_funcall(vm, a, vm->id_lt, 1, &b));
}

static bool f_zero_p(VM *vm, VALUE v) {
  if (FIXNUM_P(v)) return v == INT2FIX(0);
  if (f_float_p(v)) return FV(v) == 0.0;
  if (kn_is_type(v, T_BIGNUM)) return false;
  if (rat_p(v)) return NUM(v) == INT2FIX(0);
  return RTEST(f_call0(vm, v, "zero?"));
}
/* exact zero: 0, 0r (a Float 0.0 is not exact) */
static bool f_exact_zero_p(VM *vm, VALUE v) { return !f_float_p(v) && f_zero_p(vm, v); }

/* The sign used when printing: signbit for Floats (NaN counts as positive). */
static bool f_signbit(VM *vm, VALUE v) {
  if (f_float_p(v)) return !isnan(FV(v)) && signbit(FV(v));
  if (int_p(v)) return i_sign(v) < 0;
  if (rat_p(v)) return i_sign(NUM(v)) < 0;
  return f_lt(vm, v, INT2FIX(0));
}

static bool k_numeric_p(VM *vm, VALUE v) {
  return int_p(v) || f_float_p(v) || rat_p(v) || cpx_p(v) || kn_obj_is_kind_of(vm, v, vm->cNumeric);
}
/* a real Numeric: Integer, Float, Rational, or a Numeric whose real? is true */
static bool f_real_p(VM *vm, VALUE v) {
  if (int_p(v) || f_float_p(v) || rat_p(v)) return true;
  if (cpx_p(v)) return false;
  return k_numeric_p(vm, v) && RTEST(f_call0(vm, v, "real?"));
}

/* v.to_f: a Rational exactly rounded */
static double f_to_dbl(VM *vm, VALUE v) {
  if (f_float_p(v)) return FV(v);
  if (int_p(v)) return kn_int_to_dbl(v);
  if (rat_p(v)) return kn_int_fdiv_dbl(NUM(v), DEN(v));
  return kn_num2dbl(vm, v);
}

double kn_rational_to_dbl(VALUE r) { return kn_int_to_dbl(NUM(r)) / kn_int_to_dbl(DEN(r)); }

/* The implicit Float conversion of Math functions (CRuby's Get_Double), which converts a
 * Rational's numerator and denominator separately: huge ones give NaN, as in CRuby. */
static double math_dbl(VM *vm, VALUE v) {
  if (rat_p(v)) return kn_rational_to_dbl(v);
  return f_to_dbl(vm, v);
}

/* ---- rationalize: the simplest rational in [a, b) ------------------------------------------- */

/* Continued-fraction walk: the rational with the smallest denominator c with a <= c < b,
 * for Integer/Rational/Float bounds a < b (generic operations, so Float bounds behave
 * exactly as CRuby's Float#rationalize). Returns p/q normalized. */
static VALUE simplest_between(VM *vm, VALUE a, VALUE b) {
  VALUE p0 = INT2FIX(0), p1 = INT2FIX(1), q0 = INT2FIX(1), q1 = INT2FIX(0);
  VALUE one = INT2FIX(1);
  for (;;) {
    VALUE c = f_call0(vm, a, "ceil");
    if (f_lt(vm, c, b)) {
      VALUE p = i_add(vm, i_mul(vm, c, p1), p0);
      VALUE q = i_add(vm, i_mul(vm, c, q1), q0);
      return rat_new(vm, p, q);
    }
    VALUE k = i_sub(vm, c, one);
    VALUE p2 = i_add(vm, i_mul(vm, k, p1), p0);
    VALUE q2 = i_add(vm, i_mul(vm, k, q1), q0);
    VALUE t = f_call1(vm, one, "quo", f_sub(vm, b, k));
    b = f_call1(vm, one, "quo", f_sub(vm, a, k));
    a = t;
    p0 = p1; q0 = q1; p1 = p2; q1 = q2;
  }
}

/* Rational#rationalize(eps): the simplest rational within |eps|, found for |self| and the
 * sign put back (so it is symmetric, as in CRuby). */
static VALUE rat_rationalize_v(VM *vm, VALUE self, VALUE eps) {
  VALUE e = f_call0(vm, eps, "abs");
  bool neg = i_sign(NUM(self)) < 0;
  VALUE r = neg ? rat_raw(vm, i_neg(vm, NUM(self)), DEN(self)) : self;
  VALUE a = f_exact_zero_p(vm, e) ? r : f_sub(vm, r, e);
  VALUE b = f_exact_zero_p(vm, e) ? r : f_add(vm, r, e);
  if (f_eq(vm, a, b)) return self;
  VALUE s = simplest_between(vm, a, b);
  return neg ? rat_raw(vm, i_neg(vm, NUM(s)), DEN(s)) : s;
}

/* Float#rationalize: with eps, the simplest rational within |eps|; without, the simplest
 * one that reads back as the same double (within half an ulp on both sides). */
static VALUE flo_rationalize_v(VM *vm, VALUE self, int argc, VALUE *argv) {
  double d = FV(self);
  if (argc == 1) {
    VALUE e = f_call0(vm, argv[0], "abs");
    VALUE a = f_sub(vm, self, e), b = f_add(vm, self, e);
    if (f_eq(vm, a, b)) return dbl_to_r(vm, d);
    return simplest_between(vm, a, b);
  }
  if (isnan(d) || isinf(d)) return dbl_to_r(vm, d);   /* raises */
  if (d == 0.0) return rat_from_int(vm, INT2FIX(0));
  int e;
  double f = ldexp(frexp(d, &e), DBL_MANT_DIG);
  e -= DBL_MANT_DIG;
  VALUE m = kn_dbl_to_int(vm, f);
  if (e >= 0) return rat_from_int(vm, i_scale(vm, m, 2, (unsigned long)e));
  VALUE den = i_scale(vm, INT2FIX(1), 2, (unsigned long)(1 - e));
  VALUE m2 = i_mul(vm, m, INT2FIX(2));
  VALUE a = rat_new(vm, i_sub(vm, m2, INT2FIX(1)), den);
  VALUE b = rat_new(vm, i_add(vm, m2, INT2FIX(1)), den);
  return simplest_between(vm, a, b);
}

/* ---- Rational arithmetic ------------------------------------------------------------------- */

/* self + o (self - o when sub). The binary operators below share a shape: Integer and
 * Rational operands stay exact, a Float makes a Float of self.to_f, anything else goes
 * through o.coerce(self). */
static VALUE rat_add_v(VM *vm, VALUE self, VALUE o, bool sub) {
  VALUE an = NUM(self), ad = DEN(self);
  if (int_p(o)) {   /* (an + o*ad)/ad stays in lowest terms */
    VALUE t = i_mul(vm, o, ad);
    return rat_raw(vm, sub ? i_sub(vm, an, t) : i_add(vm, an, t), ad);
  }
  if (rat_p(o)) {
    VALUE x = i_mul(vm, an, DEN(o)), y = i_mul(vm, NUM(o), ad);
    return rat_new(vm, sub ? i_sub(vm, x, y) : i_add(vm, x, y), i_mul(vm, ad, DEN(o)));
  }
  if (f_float_p(o)) {
    double x = kn_int_fdiv_dbl(an, ad);
    return DBL(sub ? x - FV(o) : x + FV(o));
  }
  return kn_num_coerce_bin(vm, self, o, sub ? vm->id_minus : vm->id_plus);
}

static VALUE rat_mul_v(VM *vm, VALUE self, VALUE o) {
  if (int_p(o)) return rat_new(vm, i_mul(vm, NUM(self), o), DEN(self));
  if (rat_p(o)) return rat_new(vm, i_mul(vm, NUM(self), NUM(o)), i_mul(vm, DEN(self), DEN(o)));
  if (f_float_p(o)) return DBL(kn_int_fdiv_dbl(NUM(self), DEN(self)) * FV(o));
  return kn_num_coerce_bin(vm, self, o, vm->id_mult);
}

static VALUE rat_div_v(VM *vm, VALUE self, VALUE o) {
  if (int_p(o)) {
    if (o == INT2FIX(0)) zerodiv(vm);
    return rat_new(vm, NUM(self), i_mul(vm, DEN(self), o));
  }
  if (rat_p(o)) {
    if (NUM(o) == INT2FIX(0)) zerodiv(vm);
    return rat_new(vm, i_mul(vm, NUM(self), DEN(o)), i_mul(vm, DEN(self), NUM(o)));
  }
  if (f_float_p(o)) return DBL(kn_int_fdiv_dbl(NUM(self), DEN(self)) / FV(o));
  return kn_num_coerce_bin(vm, self, o, vm->id_div);
}

/* self ** n for a Fixnum n */
static VALUE rat_pow_fix(VM *vm, VALUE self, VALUE n) {
  VALUE num = NUM(self), den = DEN(self);
  if (FIX2LONG(n) < 0) {
    if (num == INT2FIX(0)) zerodiv(vm);
    VALUE t = num; num = den; den = t;
    n = kn_int_new(vm, -FIX2LONG(n));
  }
  VALUE pn = kn_int_pow(vm, num, n), pd = kn_int_pow(vm, den, n);
  if (!int_p(pn) || !int_p(pd))   /* too big: Float like Integer#** */
    return DBL(f_to_dbl(vm, pn) / f_to_dbl(vm, pd));
  return rat_new(vm, pn, pd);
}

/* Rational ** x as CRuby: an exact zero exponent gives (1/1); 1, -1 and 0 to exact powers
 * are computed, not approximated; Integer exponents are exact (a Bignum one warns and goes
 * through Float); Float and non-integral Rational exponents give Float (or Complex for a
 * negative base) results of self.to_f ** x. */
static VALUE rat_pow_v(VM *vm, VALUE self, VALUE o) {
  if (k_numeric_p(vm, o) && f_exact_zero_p(vm, o)) return rat_from_int(vm, INT2FIX(1));
  if (rat_p(o) && DEN(o) == INT2FIX(1)) o = NUM(o);
  /* 1**x, (-1)**n and 0**x for exact x */
  if (k_numeric_p(vm, o) && !f_float_p(o) && DEN(self) == INT2FIX(1)) {
    VALUE n = NUM(self);
    if (n == INT2FIX(1)) return rat_from_int(vm, INT2FIX(1));
    if (n == INT2FIX(-1) && int_p(o)) {
      bool odd = FIXNUM_P(o) ? (FIX2LONG(o) & 1) : mpz_odd_p(RBIGNUM(o)->mp);
      return rat_from_int(vm, INT2FIX(odd ? -1 : 1));
    }
    if (n == INT2FIX(0)) {
      if (f_lt(vm, o, INT2FIX(0))) zerodiv(vm);
      return rat_from_int(vm, INT2FIX(0));
    }
  }
  double x = kn_int_fdiv_dbl(NUM(self), DEN(self));
  if (FIXNUM_P(o)) return rat_pow_fix(vm, self, o);
  if (int_p(o)) {
    kn_num_warn(vm, "in a**b, b may be too big");
    return kn_funcall(vm, DBL(x), vm->id_pow, 1, &o);
  }
  if (f_float_p(o) || rat_p(o)) return kn_funcall(vm, DBL(x), vm->id_pow, 1, &o);
  return kn_num_coerce_bin(vm, self, o, vm->id_pow);
}

/* -1/0/1 comparing with an Integer or Rational */
static int rat_cmp_c(VM *vm, VALUE self, VALUE o) {
  if (int_p(o)) {
    if (DEN(self) == INT2FIX(1)) return kn_int_cmp(NUM(self), o);
    return kn_int_cmp(NUM(self), i_mul(vm, o, DEN(self)));
  }
  return kn_int_cmp(i_mul(vm, NUM(self), DEN(o)), i_mul(vm, NUM(o), DEN(self)));
}

static VALUE rat_plus(ARGS) { (void)argc; (void)blk; return rat_add_v(vm, self, argv[0], false); }
static VALUE rat_minus(ARGS) { (void)argc; (void)blk; return rat_add_v(vm, self, argv[0], true); }
static VALUE rat_mul(ARGS) { (void)argc; (void)blk; return rat_mul_v(vm, self, argv[0]); }
static VALUE rat_div(ARGS) { (void)argc; (void)blk; return rat_div_v(vm, self, argv[0]); }
static VALUE rat_pow(ARGS) { (void)argc; (void)blk; return rat_pow_v(vm, self, argv[0]); }
static VALUE rat_uminus(ARGS) {
  NOARGS;
  return rat_raw(vm, i_neg(vm, NUM(self)), DEN(self));
}
static VALUE rat_abs(ARGS) {
  NOARGS;
  return i_sign(NUM(self)) < 0 ? rat_raw(vm, i_neg(vm, NUM(self)), DEN(self)) : self;
}

static VALUE rat_fdiv(ARGS) {
  (void)argc; (void)blk;
  VALUE o = argv[0];
  if (k_numeric_p(vm, o) && f_zero_p(vm, o)) return rat_div_v(vm, self, DBL(0.0));
  if (o == INT2FIX(1)) return DBL(kn_int_fdiv_dbl(NUM(self), DEN(self)));
  VALUE q = rat_div_v(vm, self, o);
  if (rat_p(q)) return DBL(kn_int_fdiv_dbl(NUM(q), DEN(q)));
  if (f_float_p(q)) return q;
  return kn_funcall(vm, q, vm->id_to_f, 0, NULL);
}

static VALUE rat_cmp(ARGS) {
  (void)argc; (void)blk;
  VALUE o = argv[0];
  if (int_p(o) || rat_p(o)) return INT2FIX(rat_cmp_c(vm, self, o));
  if (f_float_p(o)) {
    double x = kn_int_fdiv_dbl(NUM(self), DEN(self)), y = FV(o);
    if (isnan(x) || isnan(y)) return Qnil;
    return INT2FIX(x < y ? -1 : x > y);
  }
  return kn_num_coerce_cmp(vm, self, o, vm->id_cmp);
}

static VALUE rat_eq(ARGS) {
  (void)argc; (void)blk;
  VALUE o = argv[0];
  if (int_p(o)) return KN_BOOL(DEN(self) == INT2FIX(1) && kn_int_cmp(NUM(self), o) == 0);
  if (rat_p(o)) return KN_BOOL(kn_int_cmp(NUM(self), NUM(o)) == 0 && kn_int_cmp(DEN(self), DEN(o)) == 0);
  if (f_float_p(o)) return KN_BOOL(kn_int_fdiv_dbl(NUM(self), DEN(self)) == FV(o));
  return KN_BOOL(RTEST(kn_funcall(vm, o, vm->id_eq, 1, &self)));
}

static VALUE rat_coerce(ARGS) {
  (void)argc; (void)blk;
  VALUE o = argv[0];
  if (int_p(o)) return kn_ary_new_values(vm, 2, rat_from_int(vm, o), self);
  if (f_float_p(o)) return kn_ary_new_values(vm, 2, o, DBL(kn_int_fdiv_dbl(NUM(self), DEN(self))));
  if (rat_p(o)) return kn_ary_new_values(vm, 2, o, self);
  if (cpx_p(o)) {
    if (f_exact_zero_p(vm, IM(o)))
      return kn_ary_new_values(vm, 2, to_rational(vm, RE(o)), self);
    return kn_ary_new_values(vm, 2, o, kn_complex_new(vm, self, INT2FIX(0)));
  }
  kn_raise(vm, vm->eTypeError, "%V can't be coerced into Rational", kn_class_name_of(vm, o));
}

/* ---- Rational rounding ----------------------------------------------------------------------- */

typedef enum { RR_FLOOR, RR_CEIL, RR_TRUNC, RR_ROUND } RatRound;

/* num/den (den > 0) rounded to an Integer. */
static VALUE round_to_int(VM *vm, VALUE num, VALUE den, RatRound kind, RoundMode mode) {
  if (den == INT2FIX(1)) return num;
  switch (kind) {
  case RR_FLOOR: return i_floordiv(vm, num, den);
  case RR_CEIL: return i_neg(vm, i_floordiv(vm, i_neg(vm, num), den));
  case RR_TRUNC:
    return i_sign(num) < 0 ? round_to_int(vm, num, den, RR_CEIL, mode)
                           : round_to_int(vm, num, den, RR_FLOOR, mode);
  case RR_ROUND: default: {
    /* |x| + 1/2 = (2|num| + den) / 2den: floor it; a zero remainder is a tie */
    bool neg = i_sign(num) < 0;
    VALUE n2 = i_add(vm, i_mul(vm, i_abs(vm, num), INT2FIX(2)), den), d2 = i_mul(vm, den, INT2FIX(2));
    VALUE q = i_floordiv(vm, n2, d2);
    bool tie = i_sign(i_sub(vm, n2, i_mul(vm, q, d2))) == 0;
    if (tie && (mode == RM_DOWN || (mode == RM_EVEN && i_sign(kn_int_mod(vm, q, INT2FIX(2))) != 0)))
      q = i_sub(vm, q, INT2FIX(1));
    return neg ? i_neg(vm, q) : q;
  }
  }
}

/* floor/ceil/truncate/round([ndigits]): an Integer, or with ndigits > 0 a Rational
 * rounded to a multiple of 10**-ndigits. */
static VALUE rat_round_common(VM *vm, VALUE self, int argc, VALUE *argv, RatRound kind) {
  VALUE opts = Qnil;
  if (kind == RR_ROUND && argc > 0 && kn_is_type(argv[argc - 1], T_HASH) && (vm->cfp->flags & FRAME_KW))
    opts = argv[--argc];
  if (argc > 1) kn_arity_error(vm, argc, 0, 1);
  RoundMode mode = kind == RR_ROUND ? kn_round_mode(vm, opts) : RM_UP;
  if (argc == 0) return round_to_int(vm, NUM(self), DEN(self), kind, mode);
  VALUE nd = argv[0];
  if (!int_p(nd)) kn_raise(vm, vm->eTypeError, "not an integer");
  long n = (long)kn_num2long(vm, nd);
  VALUE p = i_scale(vm, INT2FIX(1), 10, (unsigned long)(n < 0 ? -n : n));
  VALUE num = NUM(self), den = DEN(self);
  if (n >= 0) num = i_mul(vm, num, p);
  else den = i_mul(vm, den, p);
  VALUE g = i_gcd(vm, num, den);
  VALUE q = round_to_int(vm, i_divexact(vm, num, g), i_divexact(vm, den, g), kind, mode);
  if (n < 1) return n == 0 ? q : i_mul(vm, q, p);
  return rat_new(vm, q, p);
}
static VALUE rat_floor(ARGS) { (void)blk; return rat_round_common(vm, self, argc, argv, RR_FLOOR); }
static VALUE rat_ceil(ARGS) { (void)blk; return rat_round_common(vm, self, argc, argv, RR_CEIL); }
static VALUE rat_truncate(ARGS) { (void)blk; return rat_round_common(vm, self, argc, argv, RR_TRUNC); }
static VALUE rat_round(ARGS) { (void)blk; return rat_round_common(vm, self, argc, argv, RR_ROUND); }

/* ---- other Rational methods ------------------------------------------------------------------ */

static VALUE rat_numerator(ARGS) { (void)vm; NOARGS; return NUM(self); }
static VALUE rat_denominator(ARGS) { (void)vm; NOARGS; return DEN(self); }
static VALUE rat_to_f(ARGS) { NOARGS; return DBL(kn_int_fdiv_dbl(NUM(self), DEN(self))); }
static VALUE rat_to_r(ARGS) { (void)vm; NOARGS; return self; }
static VALUE rat_zero_p(ARGS) { (void)vm; NOARGS; return KN_BOOL(NUM(self) == INT2FIX(0)); }
static VALUE rat_positive_p(ARGS) { (void)vm; NOARGS; return KN_BOOL(i_sign(NUM(self)) > 0); }
static VALUE rat_negative_p(ARGS) { (void)vm; NOARGS; return KN_BOOL(i_sign(NUM(self)) < 0); }

static VALUE rat_rationalize(ARGS) {
  (void)blk;
  return argc == 0 ? self : rat_rationalize_v(vm, self, argv[0]);
}

static VALUE rat_to_s_v(VM *vm, VALUE self, bool inspect) {
  VALUE s = kn_str_new(vm, inspect ? "(" : "", inspect ? 1 : 0);
  kn_str_append(vm, s, kn_int_to_s(vm, NUM(self), 10));
  kn_str_cat(vm, s, "/", 1);
  kn_str_append(vm, s, kn_int_to_s(vm, DEN(self), 10));
  if (inspect) kn_str_cat(vm, s, ")", 1);
  return s;
}
static VALUE rat_to_s(ARGS) { NOARGS; return rat_to_s_v(vm, self, false); }
static VALUE rat_inspect(ARGS) { NOARGS; return rat_to_s_v(vm, self, true); }

static VALUE hash_pair(VM *vm, uintptr_t seed, VALUE a, VALUE b) {
  uintptr_t h = seed ^ kn_hash_value(vm, a);
  h = (h * 0x9e3779b97f4a7c15ULL) ^ kn_hash_value(vm, b);
  h ^= h >> 29;
  return INT2FIX((intptr_t)(h >> 2));
}
static VALUE rat_hash(ARGS) { NOARGS; return hash_pair(vm, 0x5241, NUM(self), DEN(self)); }

/* ---- string parsing ---------------------------------------------------------------------------- */

/* A cursor over s[p..e). Numbers are read as CRuby reads them: decimal digits with single
 * underscores between digits, an optional fraction and exponent; no 0x prefixes. */
typedef struct {
  const char *p, *e;
  bool loose_us;   /* String#to_c: runs of underscores between digits are fine too */
} Scan;

static bool sc_at(const Scan *s, char c) { return s->p < s->e && *s->p == c; }
static bool sc_digit(const Scan *s, long off) {
  return s->p + off < s->e && s->p[off] >= '0' && s->p[off] <= '9';
}
static void sc_skip_space(Scan *s) {
  while (s->p < s->e && (*s->p == ' ' || (*s->p >= '\t' && *s->p <= '\r'))) s->p++;
}

/* Skips the underscores before a digit ('_' or, when loose, '_+'); false if none. */
static bool sc_underscores(Scan *s) {
  long k = 0;
  while (s->p + k < s->e && s->p[k] == '_' && (k == 0 || s->loose_us)) k++;
  if (k == 0 || !sc_digit(s, k)) return false;
  s->p += k;
  return true;
}

/* digit ('_'? digit)*: appends the digits to buf (NUL-terminated); returns how many. */
static long sc_digits(Scan *s, char *buf, long *n) {
  long k = 0;
  while (sc_digit(s, 0)) {
    buf[(*n)++] = *s->p++;
    k++;
    sc_underscores(s);
  }
  buf[*n] = '\0';
  return k;
}

/* A scanned number: value = digits * 10**(exp - frac). */
typedef struct {
  char *digits;     /* integer and fraction digits, NUL-terminated */
  long ndig, frac;  /* digit count, how many of them follow the '.' */
  long exp;
  bool inexact;     /* had a '.' or an exponent (a Float in a Complex string) */
} NumText;

/* body := digits ['.' digits] [exp] | '.' digits [exp]. Rational strings (bare_dot) also
 * take "5." (then no exponent). An exponent needs digits unless it has a sign ("1e+" is
 * 1, as in CRuby); otherwise the number ends before the 'e'. */
static bool sc_body(Scan *s, NumText *t, bool bare_dot) {
  const char *start = s->p;
  t->ndig = t->frac = t->exp = 0;
  t->inexact = false;
  long ni = sc_digits(s, t->digits, &t->ndig);
  bool dot_end = false;
  if (sc_at(s, '.')) {
    if (sc_digit(s, 1)) {
      s->p++;
      t->frac = sc_digits(s, t->digits, &t->ndig);
      t->inexact = true;
    } else if (ni > 0 && bare_dot) {
      s->p++;
      dot_end = true;
    }
  }
  if (ni == 0 && t->frac == 0) { s->p = start; return false; }
  if (!dot_end && (sc_at(s, 'e') || sc_at(s, 'E'))) {
    const char *save = s->p++;
    bool sign = false, neg = false;
    if (sc_at(s, '+') || sc_at(s, '-')) { sign = true; neg = *s->p++ == '-'; }
    long ne = 0;
    while (sc_digit(s, 0)) {
      if (ne < 100000000) ne = ne * 10 + (*s->p - '0');
      s->p++;
      sc_underscores(s);
    }
    bool had = s->p > save + 1 + sign;
    if (!had && !(sign && bare_dot)) s->p = save;
    else { t->exp = neg ? -ne : ne; t->inexact = true; }
  }
  return true;
}

static VALUE numtext_int(VM *vm, const NumText *t) {
  VALUE v = kn_int_from_cstr(vm, t->digits, 10);
  return NIL_P(v) ? INT2FIX(0) : v;
}

/* Exact value as a Rational (num/den, normalized) */
static VALUE numtext_rat(VM *vm, const NumText *t) {
  long sc = t->exp - t->frac;
  VALUE n = numtext_int(vm, t);
  if (sc >= 0) return rat_from_int(vm, i_scale(vm, n, 10, (unsigned long)sc));
  return rat_new(vm, n, i_scale(vm, INT2FIX(1), 10, (unsigned long)-sc));
}

static VALUE numtext_float(VM *vm, const NumText *t) {
  char *buf = kn_xmalloc((size_t)t->ndig + 32);
  long k = 0;
  for (long i = 0; i < t->ndig - t->frac; i++) buf[k++] = t->digits[i];
  if (k == 0) buf[k++] = '0';
  buf[k++] = '.';
  for (long i = t->ndig - t->frac; i < t->ndig; i++) buf[k++] = t->digits[i];
  if (t->frac == 0) buf[k++] = '0';
  snprintf(buf + k, 32, "e%ld", t->exp);
  double d = strtod(buf, NULL);
  free(buf);
  return DBL(d);
}

/* A rational: ['+'|'-'] body ['/' body]. Qundef when there is none (cursor unchanged). A zero
 * denominator raises ZeroDivisionError. */
static VALUE sc_rational(VM *vm, Scan *s, char *buf) {
  const char *start = s->p;
  bool neg = false;
  if (sc_at(s, '+') || sc_at(s, '-')) neg = *s->p++ == '-';
  NumText t = {.digits = buf};
  if (!sc_body(s, &t, true)) { s->p = start; return Qundef; }
  VALUE r = numtext_rat(vm, &t);
  if (sc_at(s, '/')) {
    const char *slash = s->p++;
    if (sc_body(s, &t, true)) r = rat_div_v(vm, r, numtext_rat(vm, &t));
    else s->p = slash;
  }
  return neg ? rat_raw(vm, i_neg(vm, NUM(r)), DEN(r)) : r;
}

/* Kernel#Rational / String#to_r on a String: strict = the whole string (surrounding
 * whitespace allowed), else the longest valid prefix. Qnil when strict and invalid; (0/1)
 * when nothing parses and not strict. */
static VALUE str_to_r(VM *vm, VALUE str, bool strict) {
  Scan s = {RSTRING_PTR(str), RSTRING_PTR(str) + RSTRING_LEN(str), false};
  char *buf = kn_xmalloc((size_t)RSTRING_LEN(str) + 1);
  sc_skip_space(&s);
  VALUE r = sc_rational(vm, &s, buf);
  free(buf);
  KN_GC_GUARD(str);
  if (strict) {
    sc_skip_space(&s);
    if (r == Qundef || s.p != s.e) return Qnil;
  }
  return r == Qundef ? rat_from_int(vm, INT2FIX(0)) : r;
}

static VALUE cpx_polar_v(VM *vm, VALUE abs, VALUE arg);

/* One Complex part: unsigned body ['/' digits]: Integer, Float, or Rational. */
static VALUE sc_cnum(VM *vm, Scan *s, char *buf) {
  NumText t = {.digits = buf};
  if (!sc_body(s, &t, false)) return Qundef;
  if (sc_at(s, '/') && sc_digit(s, 1)) {
    VALUE r = numtext_rat(vm, &t);
    s->p++;
    NumText d = {.digits = buf};
    sc_digits(s, d.digits, &d.ndig);
    return rat_div_v(vm, r, numtext_int(vm, &d));
  }
  return t.inexact ? numtext_float(vm, &t) : numtext_int(vm, &t);
}

static bool sc_unit(Scan *s) {
  if (s->p >= s->e || !*s->p || !strchr("iIjJ", *s->p)) return false;
  s->p++;
  return true;
}

/* real | [sign] [num] unit | real sign [num] unit | real '@' [sign] num. False when no
 * number is there. */
static bool sc_complex(VM *vm, Scan *s, char *buf, VALUE *re, VALUE *im) {
  bool neg = false, sign = false;
  if (sc_at(s, '+') || sc_at(s, '-')) { sign = true; neg = *s->p++ == '-'; }
  VALUE a = sc_cnum(vm, s, buf);
  if (a == Qundef) {
    if (!sc_unit(s)) { if (sign) s->p--; return false; }
    *re = INT2FIX(0);
    *im = INT2FIX(neg ? -1 : 1);
    return true;
  }
  if (neg) a = f_neg(vm, a);
  if (sc_unit(s)) { *re = INT2FIX(0); *im = a; return true; }
  *re = a;
  *im = INT2FIX(0);
  if (sc_at(s, '@')) {
    Scan t = *s;
    t.p++;
    bool n2 = false;
    if (sc_at(&t, '+') || sc_at(&t, '-')) n2 = *t.p++ == '-';
    VALUE b = sc_cnum(vm, &t, buf);
    if (b != Qundef) {
      *s = t;
      VALUE c = cpx_polar_v(vm, a, n2 ? f_neg(vm, b) : b);
      *re = RE(c);
      *im = IM(c);
    }
  } else if (sc_at(s, '+') || sc_at(s, '-')) {
    Scan t = *s;
    bool n2 = *t.p++ == '-';
    VALUE b = sc_cnum(vm, &t, buf);
    if (sc_unit(&t)) {
      *s = t;
      if (b == Qundef) b = INT2FIX(1);
      *im = n2 ? f_neg(vm, b) : b;
    }
  }
  return true;
}

/* Kernel#Complex / String#to_c on a String, as str_to_r. */
static VALUE str_to_c(VM *vm, VALUE str, bool strict) {
  Scan s = {RSTRING_PTR(str), RSTRING_PTR(str) + RSTRING_LEN(str), !strict};
  char *buf = kn_xmalloc((size_t)RSTRING_LEN(str) + 1);
  VALUE re = INT2FIX(0), im = INT2FIX(0);
  sc_skip_space(&s);
  bool ok = sc_complex(vm, &s, buf, &re, &im);
  free(buf);
  KN_GC_GUARD(str);
  if (strict) {
    sc_skip_space(&s);
    if (!ok || s.p != s.e) return Qnil;
  }
  return kn_complex_new(vm, re, im);
}

static _Noreturn void invalid_convert(VM *vm, VALUE str) {
  kn_raise(vm, vm->eArgumentError, "invalid value for convert(): %V", kn_inspect(vm, str));
}

/* Strict str_to_r / str_to_c with any exception (ZeroDivisionError) turned into nil: for
 * `exception: false`. */
static VALUE str_conv_quiet(VM *vm, VALUE str, bool complex) {
  volatile VALUE r = Qnil;
  KN_TRY(vm) { r = complex ? str_to_c(vm, str, true) : str_to_r(vm, str, true); }
  KN_CATCH(vm) { r = Qnil; }
  KN_END(vm);
  return r;
}

static VALUE str_to_r_m(ARGS) { NOARGS; return str_to_r(vm, self, false); }
static VALUE str_to_c_m(ARGS) { NOARGS; return str_to_c(vm, self, false); }

/* ---- Kernel#Rational ------------------------------------------------------------------------- */

/* Splits Rational()/Complex() arguments: returns the positional count and sets *exc from an
 * `exception:` keyword (ArgumentError for any other keyword). */
static int conv_args(VM *vm, int argc, VALUE *argv, bool *exc) {
  *exc = true;
  if (argc > 0 && kn_is_type(argv[argc - 1], T_HASH) && (vm->cfp->flags & FRAME_KW)) {
    VALUE h = argv[--argc], keys = kn_hash_keys(vm, h);
    for (long i = 0; i < RARRAY_LEN(keys); i++) {
      VALUE k = RARRAY_PTR(keys)[i];
      if (k != kn_sym(vm, "exception"))
        kn_raise(vm, vm->eArgumentError, "unknown keyword: %V", kn_inspect(vm, k));
      *exc = RTEST(kn_hash_aref(vm, h, k));
    }
  }
  if (argc < 1 || argc > 2) kn_arity_error(vm, argc, 1, 2);
  return argc;
}

/* One argument of Rational(): Floats and Strings become Rationals, a Complex with an exact
 * zero imaginary part its real part, an object without to_r its to_int if it has one.
 * Qundef (when !exc) or an exception when invalid. */
static VALUE rat_conv_arg(VM *vm, VALUE v, bool exc) {
  if (NIL_P(v)) {
    if (!exc) return Qundef;
    kn_raise(vm, vm->eTypeError, "can't convert nil into Rational");
  }
  if (cpx_p(v) && f_exact_zero_p(vm, IM(v))) v = RE(v);
  if (f_float_p(v)) return dbl_to_r(vm, FV(v));
  if (kn_is_type(v, T_STRING)) {
    VALUE r = exc ? str_to_r(vm, v, true) : str_conv_quiet(vm, v, false);
    if (NIL_P(r)) {
      if (!exc) return Qundef;
      invalid_convert(vm, v);
    }
    return r;
  }
  if (!SPECIAL_CONST_P(v) && !k_numeric_p(vm, v) && !kn_respond_to(vm, v, kn_intern(vm, "to_r"), true) &&
      kn_respond_to(vm, v, vm->id_to_int, true)) {
    VALUE i = kn_funcall(vm, v, vm->id_to_int, 0, NULL);
    if (int_p(i)) return i;
  }
  return v;
}

/* Rational(a1[, a2]) once the arguments are converted (n: how many). Returns the result,
 * or Qundef with *num and *den set to the two Integers to normalize (a zero denominator raises
 * ZeroDivisionError even with exception: false, as in CRuby). */
static VALUE rat_convert(VM *vm, int n, VALUE a1, VALUE a2, VALUE *num, VALUE *den) {
  if (n == 1) {
    if (int_p(a1)) { *num = a1; *den = INT2FIX(1); return Qundef; }
    return to_rational(vm, a1);
  }
  if (rat_p(a1) && a2 == INT2FIX(1)) return a1;
  /* CRuby converts a first argument with to_r even when it is a Numeric (not a Complex),
   * the second only when it is not a Numeric */
  if (!SPECIAL_CONST_P(a1) && !int_p(a1) && !rat_p(a1) && !cpx_p(a1) &&
      kn_respond_to(vm, a1, kn_intern(vm, "to_r"), true))
    a1 = to_rational(vm, a1);
  if (!k_numeric_p(vm, a2) && !SPECIAL_CONST_P(a2) && kn_respond_to(vm, a2, kn_intern(vm, "to_r"), true))
    a2 = to_rational(vm, a2);
  if (k_numeric_p(vm, a1) && k_numeric_p(vm, a2) && (!int_p(a1) || !int_p(a2)))
    return f_call1(vm, a1, "/", a2);
  if (!int_p(a1) || !int_p(a2)) kn_raise(vm, vm->eTypeError, "not an integer");
  *num = a1;
  *den = a2;
  return Qundef;
}

/* rat_convert with any exception turned into nil (exception: false) */
static VALUE rat_convert_quiet(VM *vm, int n, VALUE a1, VALUE a2, VALUE *num, VALUE *den) {
  volatile VALUE r = Qnil;
  KN_TRY(vm) { r = rat_convert(vm, n, a1, a2, num, den); }
  KN_CATCH(vm) { r = Qnil; }
  KN_END(vm);
  return r;
}

static VALUE k_Rational(ARGS) {
  (void)self; (void)blk;
  bool exc;
  int n = conv_args(vm, argc, argv, &exc);
  VALUE a1 = rat_conv_arg(vm, argv[0], exc);
  VALUE a2 = n > 1 ? rat_conv_arg(vm, argv[1], exc) : INT2FIX(1);
  if (a1 == Qundef || a2 == Qundef) return Qnil;
  VALUE num = Qnil, den = Qnil;
  VALUE r = exc ? rat_convert(vm, n, a1, a2, &num, &den) : rat_convert_quiet(vm, n, a1, a2, &num, &den);
  return r == Qundef ? rat_new(vm, num, den) : r;
}

/* ---- Complex ----------------------------------------------------------------------------------- */

VALUE kn_complex_new(VM *vm, VALUE real, VALUE imag) {
  VALUE c = kn_obj_alloc(vm, T_COMPLEX, vm->cComplex);
  RCOMPLEX(c)->real = real;
  RCOMPLEX(c)->imag = imag;
  RBASIC(c)->flags |= FL_FROZEN;
  return c;
}
#define cpx_new kn_complex_new

static void real_check(VM *vm, VALUE v) {
  if (!f_real_p(vm, v)) kn_raise(vm, vm->eTypeError, "not a real");
}

/* abs * e**(i*arg) for reals, with CRuby's exact cases: a zero abs or angle gives
 * (abs, 0.0); an angle of exactly pi or pi/2 lands on the axis. */
static VALUE cpx_polar_v(VM *vm, VALUE abs, VALUE arg) {
  if (f_zero_p(vm, abs) || f_zero_p(vm, arg)) return cpx_new(vm, abs, DBL(0.0));
  if (f_float_p(arg)) {
    double a = FV(arg);
    if (a == M_PI) return cpx_new(vm, f_neg(vm, abs), DBL(0.0));
    if (a == M_PI / 2) return cpx_new(vm, DBL(0.0), abs);
  }
  double a = math_dbl(vm, arg);
  return cpx_new(vm, f_mul(vm, abs, DBL(cos(a))), f_mul(vm, abs, DBL(sin(a))));
}

VALUE kn_complex_polar_pi(VM *vm, double abs, double ang) {
  double whole, frac = modf(ang, &whole);
  bool odd = fmod(whole, 2.0) != 0.0;
  if (frac == 0.5 || frac == -0.5) {   /* on the imaginary axis */
    double s = (frac > 0) != odd ? abs : -abs;
    return cpx_new(vm, DBL(0.0), DBL(s));
  }
  if (frac == 0.0) return DBL(odd ? -abs : abs);
  return cpx_new(vm, DBL(abs * cos(M_PI * ang)), DBL(abs * sin(M_PI * ang)));
}

/* a * b where an exact zero times a (non-NaN) Float is a signed zero, never NaN (so that
 * Complex(Float::INFINITY, 0) * 1 keeps its zero part) */
static VALUE safe_mul(VM *vm, VALUE a, VALUE b, bool az, bool bz) {
  if (!az && bz && f_float_p(a) && !isnan(FV(a))) a = DBL(signbit(FV(a)) ? -1.0 : 1.0);
  if (!bz && az && f_float_p(b) && !isnan(FV(b))) b = DBL(signbit(FV(b)) ? -1.0 : 1.0);
  return f_mul(vm, a, b);
}

static void comp_mul(VM *vm, VALUE ar, VALUE ai, VALUE br, VALUE bi, VALUE *r, VALUE *i) {
  bool arz = f_zero_p(vm, ar), aiz = f_zero_p(vm, ai), brz = f_zero_p(vm, br), biz = f_zero_p(vm, bi);
  VALUE re = f_sub(vm, safe_mul(vm, ar, br, arz, brz), safe_mul(vm, ai, bi, aiz, biz));
  VALUE im = f_add(vm, safe_mul(vm, ar, bi, arz, biz), safe_mul(vm, ai, br, aiz, brz));
  *r = re;
  *i = im;
}

VALUE kn_complex_plus_real(VM *vm, VALUE c, VALUE x) { return cpx_new(vm, f_add(vm, RE(c), x), IM(c)); }
VALUE kn_complex_mul_real(VM *vm, VALUE c, VALUE x) {
  return cpx_new(vm, f_mul(vm, RE(c), x), f_mul(vm, IM(c), x));
}

static VALUE cpx_add_v(VM *vm, VALUE self, VALUE o, bool sub) {
  if (cpx_p(o)) {
    return sub ? cpx_new(vm, f_sub(vm, RE(self), RE(o)), f_sub(vm, IM(self), IM(o)))
               : cpx_new(vm, f_add(vm, RE(self), RE(o)), f_add(vm, IM(self), IM(o)));
  }
  if (k_numeric_p(vm, o) && f_real_p(vm, o))
    return cpx_new(vm, sub ? f_sub(vm, RE(self), o) : f_add(vm, RE(self), o), IM(self));
  return kn_num_coerce_bin(vm, self, o, sub ? vm->id_minus : vm->id_plus);
}

static VALUE cpx_mul_v(VM *vm, VALUE self, VALUE o) {
  if (cpx_p(o)) {
    VALUE r, i;
    comp_mul(vm, RE(self), IM(self), RE(o), IM(o), &r, &i);
    return cpx_new(vm, r, i);
  }
  if (k_numeric_p(vm, o) && f_real_p(vm, o)) return kn_complex_mul_real(vm, self, o);
  return kn_num_coerce_bin(vm, self, o, vm->id_mult);
}

/* self / o with `op` ("quo" or "fdiv") dividing the parts. A Complex divisor uses Smith's
 * method (scale by the larger of its parts); without Floats the parts come out as Integers
 * when they are whole (Complex(4, 2) / 2 is (2+1i)). */
static VALUE cpx_divide(VM *vm, VALUE self, VALUE o, const char *op) {
  if (cpx_p(o)) {
    VALUE a = RE(self), b = IM(self), c = RE(o), d = IM(o), x, y;
    bool flo = f_float_p(a) || f_float_p(b) || f_float_p(c) || f_float_p(d);
    VALUE one = INT2FIX(1);
    if (RTEST(kn_funcall(vm, f_call0(vm, c, "abs"), vm->id_gt, 1, (VALUE[]){f_call0(vm, d, "abs")}))) {
      VALUE r = f_call1(vm, d, op, c);
      VALUE n = f_mul(vm, c, f_add(vm, one, f_mul(vm, r, r)));
      x = f_call1(vm, f_add(vm, a, f_mul(vm, b, r)), op, n);
      y = f_call1(vm, f_sub(vm, b, f_mul(vm, a, r)), op, n);
    } else {
      VALUE r = f_call1(vm, c, op, d);
      VALUE n = f_mul(vm, d, f_add(vm, one, f_mul(vm, r, r)));
      x = f_call1(vm, f_add(vm, f_mul(vm, a, r), b), op, n);
      y = f_call1(vm, f_sub(vm, f_mul(vm, b, r), a), op, n);
    }
    if (!flo) { x = rat_canon(x); y = rat_canon(y); }
    return cpx_new(vm, x, y);
  }
  if (k_numeric_p(vm, o) && f_real_p(vm, o)) {
    VALUE x = rat_canon(f_call1(vm, RE(self), op, o));
    VALUE y = rat_canon(f_call1(vm, IM(self), op, o));
    return cpx_new(vm, x, y);
  }
  return kn_num_coerce_bin(vm, self, o, kn_intern(vm, op));
}

static VALUE cpx_abs_v(VM *vm, VALUE self) {
  VALUE re = RE(self), im = IM(self);
  if (f_zero_p(vm, re)) {
    VALUE a = f_call0(vm, im, "abs");
    if (f_float_p(re) && !f_float_p(im)) a = DBL(f_to_dbl(vm, a));
    return a;
  }
  if (f_zero_p(vm, im)) {
    VALUE a = f_call0(vm, re, "abs");
    if (!f_float_p(re) && f_float_p(im)) a = DBL(f_to_dbl(vm, a));
    return a;
  }
  return DBL(hypot(math_dbl(vm, re), math_dbl(vm, im)));
}

static VALUE cpx_arg_v(VM *vm, VALUE self) {
  return DBL(atan2(math_dbl(vm, IM(self)), math_dbl(vm, RE(self))));
}

/* self ** n for a Fixnum n: repeated squaring; pure real or pure imaginary bases take a
 * shortcut (so 3i**2 is exactly (-9+0i)). */
static VALUE cpx_pow_fix(VM *vm, VALUE self, long n) {
  if (n == 0) return cpx_new(vm, INT2FIX(1), INT2FIX(0));
  if (n < 0) {
    self = f_call1(vm, INT2FIX(1), "quo", self);
    if (!cpx_p(self)) self = cpx_new(vm, self, INT2FIX(0));
    n = -n;
  }
  VALUE xr = RE(self), xi = IM(self), zr = xr, zi = xi;
  if (f_zero_p(vm, xi)) {
    zr = f_call1(vm, zr, "**", kn_int_new(vm, n));
  } else if (f_zero_p(vm, xr)) {
    zi = f_call1(vm, zi, "**", kn_int_new(vm, n));
    if (n & 2) zi = f_neg(vm, zi);
    if (!(n & 1)) { VALUE t = zr; zr = zi; zi = t; }
  } else {
    while (--n) {
      for (; n % 2 == 0; n /= 2) {
        VALUE t = f_sub(vm, f_mul(vm, xr, xr), f_mul(vm, xi, xi));
        xi = f_mul(vm, f_mul(vm, INT2FIX(2), xr), xi);
        xr = t;
      }
      comp_mul(vm, zr, zi, xr, xi, &zr, &zi);
    }
  }
  return cpx_new(vm, zr, zi);
}

static VALUE cpx_pow_v(VM *vm, VALUE self, VALUE o) {
  if (rat_p(o) && DEN(o) == INT2FIX(1)) o = NUM(o);
  if (cpx_p(o) && f_exact_zero_p(vm, IM(o))) o = RE(o);
  if (k_numeric_p(vm, o) && f_exact_zero_p(vm, o)) return cpx_new(vm, INT2FIX(1), INT2FIX(0));
  if (cpx_p(o)) {   /* e**(o * log(self)) */
    double r = math_dbl(vm, cpx_abs_v(vm, self)), theta = FV(cpx_arg_v(vm, self));
    double ore = f_to_dbl(vm, RE(o)), oim = f_to_dbl(vm, IM(o)), lr = log(r);
    double nr = exp(ore * lr - oim * theta), nt = theta * ore + oim * lr;
    return cpx_polar_v(vm, DBL(nr), DBL(nt));
  }
  if (FIXNUM_P(o)) return cpx_pow_fix(vm, self, FIX2LONG(o));
  if (k_numeric_p(vm, o) && f_real_p(vm, o)) {
    if (int_p(o)) kn_num_warn(vm, "in a**b, b may be too big");
    VALUE r = cpx_abs_v(vm, self), theta = cpx_arg_v(vm, self);
    return cpx_polar_v(vm, f_call1(vm, r, "**", o), f_mul(vm, theta, o));
  }
  return kn_num_coerce_bin(vm, self, o, vm->id_pow);
}

static VALUE cpx_plus(ARGS) { (void)argc; (void)blk; return cpx_add_v(vm, self, argv[0], false); }
static VALUE cpx_minus(ARGS) { (void)argc; (void)blk; return cpx_add_v(vm, self, argv[0], true); }
static VALUE cpx_mul(ARGS) { (void)argc; (void)blk; return cpx_mul_v(vm, self, argv[0]); }
static VALUE cpx_div(ARGS) { (void)argc; (void)blk; return cpx_divide(vm, self, argv[0], "quo"); }
static VALUE cpx_fdiv(ARGS) { (void)argc; (void)blk; return cpx_divide(vm, self, argv[0], "fdiv"); }
static VALUE cpx_pow(ARGS) { (void)argc; (void)blk; return cpx_pow_v(vm, self, argv[0]); }
static VALUE cpx_uminus(ARGS) {
  NOARGS;
  return cpx_new(vm, f_neg(vm, RE(self)), f_neg(vm, IM(self)));
}

static VALUE cpx_eq(ARGS) {
  (void)argc; (void)blk;
  VALUE o = argv[0];
  if (cpx_p(o)) return KN_BOOL(f_eq(vm, RE(self), RE(o)) && f_eq(vm, IM(self), IM(o)));
  if (k_numeric_p(vm, o) && f_real_p(vm, o))
    return KN_BOOL(f_eq(vm, RE(self), o) && f_zero_p(vm, IM(self)));
  return KN_BOOL(RTEST(kn_funcall(vm, o, vm->id_eq, 1, &self)));
}

/* Only real values (zero imaginary parts) are ordered. */
static VALUE cpx_cmp(ARGS) {
  (void)argc; (void)blk;
  VALUE o = argv[0];
  if (!k_numeric_p(vm, o)) return kn_num_coerce_cmp(vm, self, o, vm->id_cmp);
  if (!f_zero_p(vm, IM(self))) return Qnil;
  if (cpx_p(o)) {
    if (!f_zero_p(vm, IM(o))) return Qnil;
    return kn_funcall(vm, RE(self), vm->id_cmp, 1, &RE(o));
  }
  if (f_real_p(vm, o)) return kn_funcall(vm, RE(self), vm->id_cmp, 1, &o);
  return Qnil;
}

static VALUE cpx_coerce(ARGS) {
  (void)argc; (void)blk;
  VALUE o = argv[0];
  if (cpx_p(o)) return kn_ary_new_values(vm, 2, o, self);
  if (k_numeric_p(vm, o) && f_real_p(vm, o))
    return kn_ary_new_values(vm, 2, cpx_new(vm, o, INT2FIX(0)), self);
  kn_raise(vm, vm->eTypeError, "%V can't be coerced into Complex", kn_class_name_of(vm, o));
}

static VALUE cpx_real(ARGS) { (void)vm; NOARGS; return RE(self); }
static VALUE cpx_imag(ARGS) { (void)vm; NOARGS; return IM(self); }
static VALUE cpx_rect(ARGS) { NOARGS; return kn_ary_new_values(vm, 2, RE(self), IM(self)); }
static VALUE cpx_abs(ARGS) { NOARGS; return cpx_abs_v(vm, self); }
static VALUE cpx_arg(ARGS) { NOARGS; return cpx_arg_v(vm, self); }
static VALUE cpx_polar(ARGS) {
  NOARGS;
  VALUE a = cpx_abs_v(vm, self);
  return kn_ary_new_values(vm, 2, a, cpx_arg_v(vm, self));
}
static VALUE cpx_abs2(ARGS) {
  NOARGS;
  return f_add(vm, f_mul(vm, RE(self), RE(self)), f_mul(vm, IM(self), IM(self)));
}
static VALUE cpx_conj(ARGS) { NOARGS; return cpx_new(vm, RE(self), f_neg(vm, IM(self))); }
static VALUE cpx_real_p(ARGS) { (void)vm; (void)self; NOARGS; return Qfalse; }
static VALUE cpx_to_c(ARGS) { (void)vm; NOARGS; return self; }

static bool f_finite_p(VM *vm, VALUE v) {
  if (f_float_p(v)) return isfinite(FV(v));
  if (int_p(v) || rat_p(v)) return true;
  return RTEST(f_call0(vm, v, "finite?"));
}
static bool f_infinite_p(VM *vm, VALUE v) {
  if (f_float_p(v)) return isinf(FV(v));
  if (int_p(v) || rat_p(v)) return false;
  return RTEST(f_call0(vm, v, "infinite?"));
}
static VALUE cpx_finite_p(ARGS) {
  NOARGS;
  return KN_BOOL(f_finite_p(vm, RE(self)) && f_finite_p(vm, IM(self)));
}
static VALUE cpx_infinite_p(ARGS) {
  NOARGS;
  return f_infinite_p(vm, RE(self)) || f_infinite_p(vm, IM(self)) ? INT2FIX(1) : Qnil;
}

/* "1+2i" / "(1+2i)": the parts' to_s (inspect), the imaginary part's sign from its sign bit,
 * and a '*' before the i when the part does not end in a digit (NaN*i, (1/2)*i). */
static VALUE cpx_format(VM *vm, VALUE self, bool inspect) {
  ID conv = inspect ? vm->id_inspect : vm->id_to_s;
  VALUE s = kn_str_new(vm, inspect ? "(" : "", inspect ? 1 : 0);
  kn_str_append(vm, s, kn_obj_as_string(vm, kn_funcall(vm, RE(self), conv, 0, NULL)));
  VALUE im = IM(self);
  bool neg = f_signbit(vm, im);
  kn_str_cat(vm, s, neg ? "-" : "+", 1);
  VALUE a = f_float_p(im) ? DBL(fabs(FV(im))) : neg ? f_neg(vm, im) : im;
  VALUE t = kn_obj_as_string(vm, kn_funcall(vm, a, conv, 0, NULL));
  kn_str_append(vm, s, t);
  long n = RSTRING_LEN(t);
  if (n == 0 || RSTRING_PTR(t)[n - 1] < '0' || RSTRING_PTR(t)[n - 1] > '9') kn_str_cat(vm, s, "*", 1);
  kn_str_cat(vm, s, inspect ? "i)" : "i", inspect ? 2 : 1);
  return s;
}
static VALUE cpx_to_s(ARGS) { NOARGS; return cpx_format(vm, self, false); }
static VALUE cpx_inspect(ARGS) { NOARGS; return cpx_format(vm, self, true); }

static VALUE cpx_hash(ARGS) { NOARGS; return hash_pair(vm, 0x4350, RE(self), IM(self)); }
static VALUE cpx_eql(ARGS) {
  (void)argc; (void)blk;
  VALUE o = argv[0];
  if (!cpx_p(o)) return Qfalse;
  return KN_BOOL(kn_obj_class(vm, RE(self)) == kn_obj_class(vm, RE(o)) &&
                 kn_obj_class(vm, IM(self)) == kn_obj_class(vm, IM(o)) &&
                 f_eq(vm, RE(self), RE(o)) && f_eq(vm, IM(self), IM(o)));
}

/* to_i / to_f / to_r / rationalize: only for an exact zero imaginary part */
static VALUE cpx_to_real(VM *vm, VALUE self, const char *conv, const char *into, int argc, VALUE *argv) {
  if (!f_exact_zero_p(vm, IM(self)))
    kn_raise(vm, vm->eRangeError, "can't convert %V into %s", cpx_format(vm, self, false), into);
  return kn_funcall(vm, RE(self), kn_intern(vm, conv), argc, argv);
}
static VALUE cpx_to_i(ARGS) { (void)blk; return cpx_to_real(vm, self, "to_i", "Integer", argc, argv); }
static VALUE cpx_to_f(ARGS) { (void)blk; return cpx_to_real(vm, self, "to_f", "Float", argc, argv); }
static VALUE cpx_to_r(ARGS) { (void)blk; return cpx_to_real(vm, self, "to_r", "Rational", argc, argv); }
static VALUE cpx_rationalize(ARGS) {
  (void)blk;
  return cpx_to_real(vm, self, "rationalize", "Rational", argc, argv);
}

static VALUE cpx_denominator(ARGS) {
  NOARGS;
  VALUE a = f_call0(vm, RE(self), "denominator"), b = f_call0(vm, IM(self), "denominator");
  return f_call1(vm, a, "lcm", b);
}
static VALUE cpx_numerator(ARGS) {
  NOARGS;
  VALUE d = cpx_denominator(vm, self, 0, NULL, Qnil);
  VALUE fr = f_call1(vm, d, "/", f_call0(vm, RE(self), "denominator"));
  VALUE fi = f_call1(vm, d, "/", f_call0(vm, IM(self), "denominator"));
  VALUE r = f_mul(vm, f_call0(vm, RE(self), "numerator"), fr);
  VALUE i = f_mul(vm, f_call0(vm, IM(self), "numerator"), fi);
  return cpx_new(vm, r, i);
}

static VALUE cpx_s_rect(ARGS) {
  (void)self; (void)blk;
  real_check(vm, argv[0]);
  VALUE im = argc > 1 ? argv[1] : INT2FIX(0);
  real_check(vm, im);
  return cpx_new(vm, argv[0], im);
}
static VALUE cpx_s_polar(ARGS) {
  (void)self; (void)blk;
  real_check(vm, argv[0]);
  if (argc == 1) return cpx_new(vm, argv[0], DBL(0.0));
  real_check(vm, argv[1]);
  return cpx_polar_v(vm, argv[0], argv[1]);
}

/* sqrt(a+bi) = sqrt((|z|+a)/2) + sqrt((|z|-a)/2) i, the imaginary part taking b's sign */
VALUE kn_complex_sqrt(VM *vm, VALUE c) {
  bool neg = f_signbit(vm, IM(c));
  double re = math_dbl(vm, RE(c)), abs = math_dbl(vm, cpx_abs_v(vm, c));
  double im = sqrt((abs - re) / 2.0);
  re = sqrt((abs + re) / 2.0);
  return cpx_new(vm, DBL(re), DBL(neg ? -im : im));
}

/* ---- Kernel#Complex ----------------------------------------------------------------------------- */

static VALUE cpx_conv_arg(VM *vm, VALUE v, bool exc) {
  if (NIL_P(v)) {
    if (!exc) return Qundef;
    kn_raise(vm, vm->eTypeError, "can't convert nil into Complex");
  }
  if (kn_is_type(v, T_STRING)) {
    VALUE c = exc ? str_to_c(vm, v, true) : str_conv_quiet(vm, v, true);
    if (NIL_P(c)) {
      if (!exc) return Qundef;
      invalid_convert(vm, v);
    }
    v = c;
  }
  if (cpx_p(v) && f_exact_zero_p(vm, IM(v))) v = RE(v);
  return v;
}

static VALUE k_Complex(ARGS) {
  (void)self; (void)blk;
  bool exc;
  int n = conv_args(vm, argc, argv, &exc);
  VALUE a1 = cpx_conv_arg(vm, argv[0], exc);
  VALUE a2 = n > 1 ? cpx_conv_arg(vm, argv[1], exc) : Qundef;
  if (a1 == Qundef || (n > 1 && a2 == Qundef)) return Qnil;
  if (cpx_p(a1) && (n == 1 || f_exact_zero_p(vm, a2))) return a1;
  if (n == 1) {
    if (cpx_p(a1)) return a1;
    if (!k_numeric_p(vm, a1)) {
      if (!SPECIAL_CONST_P(a1) && kn_respond_to(vm, a1, kn_intern(vm, "to_c"), true))
        return kn_funcall(vm, a1, kn_intern(vm, "to_c"), 0, NULL);
      if (!exc) return Qnil;
      if (a1 == Qtrue || a1 == Qfalse)
        kn_raise(vm, vm->eTypeError, "can't convert %s into Complex", a1 == Qtrue ? "true" : "false");
      kn_raise(vm, vm->eTypeError, "can't convert %V into Complex", kn_class_name_of(vm, a1));
    }
    if (!f_real_p(vm, a1)) return a1;
    return cpx_new(vm, a1, INT2FIX(0));
  }
  if (k_numeric_p(vm, a1) && k_numeric_p(vm, a2) && f_real_p(vm, a1) && f_real_p(vm, a2))
    return cpx_new(vm, a1, a2);
  if (!k_numeric_p(vm, a1) || !k_numeric_p(vm, a2)) {
    if (!exc) return Qnil;
    kn_raise(vm, vm->eTypeError, "not a real");
  }
  /* a1 + a2 * i */
  VALUE t = f_mul(vm, a2, cpx_new(vm, INT2FIX(0), INT2FIX(1)));
  return f_add(vm, a1, t);
}

/* ---- conversions on Integer, Float, nil, Numeric ------------------------------------------------ */

static VALUE int_to_r(ARGS) { NOARGS; return rat_from_int(vm, self); }
static VALUE flo_to_r(ARGS) { NOARGS; return dbl_to_r(vm, FV(self)); }
static VALUE flo_rationalize(ARGS) { (void)blk; return flo_rationalize_v(vm, self, argc, argv); }
static VALUE nil_to_r(ARGS) { (void)self; NOARGS; return rat_from_int(vm, INT2FIX(0)); }
static VALUE nil_to_c(ARGS) { (void)self; NOARGS; return cpx_new(vm, INT2FIX(0), INT2FIX(0)); }

static VALUE flo_numerator(ARGS) {
  NOARGS;
  double d = FV(self);
  if (isnan(d) || isinf(d)) return self;
  return NUM(dbl_to_r(vm, d));
}
static VALUE flo_denominator(ARGS) {
  NOARGS;
  double d = FV(self);
  if (isnan(d) || isinf(d)) return INT2FIX(1);
  return DEN(dbl_to_r(vm, d));
}

/* Numeric#quo (Integer#quo too): a Float divisor divides as fdiv, anything else exactly. */
static VALUE num_quo(ARGS) {
  (void)argc; (void)blk;
  VALUE o = argv[0];
  if (cpx_p(self)) return cpx_divide(vm, self, o, "quo");
  if (f_float_p(o)) return kn_funcall(vm, self, kn_intern(vm, "fdiv"), 1, &o);
  return rat_div_v(vm, to_rational(vm, self), o);
}

static VALUE num_i(ARGS) { NOARGS; return cpx_new(vm, INT2FIX(0), self); }
static VALUE num_to_c(ARGS) { NOARGS; return cpx_new(vm, self, INT2FIX(0)); }
static VALUE num_rect(ARGS) { NOARGS; return kn_ary_new_values(vm, 2, self, INT2FIX(0)); }
static VALUE num_numerator(ARGS) {
  NOARGS;
  return f_call0(vm, f_call0(vm, self, "to_r"), "numerator");
}
static VALUE num_denominator(ARGS) {
  NOARGS;
  return f_call0(vm, f_call0(vm, self, "to_r"), "denominator");
}

/* arg: 0 for a non-negative real, pi for a negative one (Floats: by sign bit; NaN is NaN) */
static VALUE num_arg_v(VM *vm, VALUE self) {
  if (f_float_p(self)) {
    double d = FV(self);
    if (isnan(d)) return self;
    return signbit(d) ? DBL(M_PI) : INT2FIX(0);
  }
  return f_lt(vm, self, INT2FIX(0)) ? DBL(M_PI) : INT2FIX(0);
}
static VALUE num_arg(ARGS) { NOARGS; return num_arg_v(vm, self); }
static VALUE num_polar(ARGS) {
  NOARGS;
  VALUE a = f_call0(vm, self, "abs");
  return kn_ary_new_values(vm, 2, a, num_arg_v(vm, self));
}

static VALUE int_rationalize(ARGS) { NOARGS; return rat_from_int(vm, self); }
static VALUE nil_rationalize(ARGS) { (void)self; NOARGS; return rat_from_int(vm, INT2FIX(0)); }

/* ---- registration ------------------------------------------------------------------------------- */

void kn_init_rational(VM *vm) {
  VALUE R = vm->cRational, C = vm->cComplex, N = vm->cNumeric;
  VALUE I = vm->cInteger, F = vm->cFloat;

  kn_undef_method(vm, kn_singleton_class(vm, R), kn_intern(vm, "new"));
  kn_undef_method(vm, kn_singleton_class(vm, R), kn_intern(vm, "allocate"));
  kn_undef_method(vm, kn_singleton_class(vm, C), kn_intern(vm, "new"));
  kn_undef_method(vm, kn_singleton_class(vm, C), kn_intern(vm, "allocate"));

  kn_define_module_function(vm, vm->cKernel, "Rational", k_Rational, 1, 3);
  kn_define_module_function(vm, vm->cKernel, "Complex", k_Complex, 1, 3);

  /* Rational */
  kn_define_method(vm, R, "numerator", rat_numerator, 0, 0);
  kn_define_method(vm, R, "denominator", rat_denominator, 0, 0);
  kn_define_method(vm, R, "+", rat_plus, 1, 1);
  kn_define_method(vm, R, "-", rat_minus, 1, 1);
  kn_define_method(vm, R, "*", rat_mul, 1, 1);
  kn_define_method(vm, R, "/", rat_div, 1, 1);
  kn_define_method(vm, R, "quo", rat_div, 1, 1);
  kn_define_method(vm, R, "fdiv", rat_fdiv, 1, 1);
  kn_define_method(vm, R, "**", rat_pow, 1, 1);
  kn_define_method(vm, R, "-@", rat_uminus, 0, 0);
  kn_define_method(vm, R, "abs", rat_abs, 0, 0);
  kn_define_method(vm, R, "magnitude", rat_abs, 0, 0);
  kn_define_method(vm, R, "<=>", rat_cmp, 1, 1);
  kn_define_method(vm, R, "==", rat_eq, 1, 1);
  kn_define_method(vm, R, "coerce", rat_coerce, 1, 1);
  kn_define_method(vm, R, "zero?", rat_zero_p, 0, 0);
  kn_define_method(vm, R, "positive?", rat_positive_p, 0, 0);
  kn_define_method(vm, R, "negative?", rat_negative_p, 0, 0);
  kn_define_method(vm, R, "floor", rat_floor, 0, 1);
  kn_define_method(vm, R, "ceil", rat_ceil, 0, 1);
  kn_define_method(vm, R, "truncate", rat_truncate, 0, 1);
  kn_define_method(vm, R, "round", rat_round, 0, 2);
  kn_define_method(vm, R, "to_i", rat_truncate, 0, 0);
  kn_define_method(vm, R, "to_f", rat_to_f, 0, 0);
  kn_define_method(vm, R, "to_r", rat_to_r, 0, 0);
  kn_define_method(vm, R, "rationalize", rat_rationalize, 0, 1);
  kn_define_method(vm, R, "to_s", rat_to_s, 0, 0);
  kn_define_method(vm, R, "inspect", rat_inspect, 0, 0);
  kn_define_method(vm, R, "hash", rat_hash, 0, 0);

  /* Complex */
  kn_define_const(vm, C, "I", cpx_new(vm, INT2FIX(0), INT2FIX(1)));
  kn_define_singleton_method(vm, C, "rect", cpx_s_rect, 1, 2);
  kn_define_singleton_method(vm, C, "rectangular", cpx_s_rect, 1, 2);
  kn_define_singleton_method(vm, C, "polar", cpx_s_polar, 1, 2);
  kn_define_method(vm, C, "real", cpx_real, 0, 0);
  kn_define_method(vm, C, "imaginary", cpx_imag, 0, 0);
  kn_define_method(vm, C, "imag", cpx_imag, 0, 0);
  kn_define_method(vm, C, "+", cpx_plus, 1, 1);
  kn_define_method(vm, C, "-", cpx_minus, 1, 1);
  kn_define_method(vm, C, "*", cpx_mul, 1, 1);
  kn_define_method(vm, C, "/", cpx_div, 1, 1);
  kn_define_method(vm, C, "quo", cpx_div, 1, 1);
  kn_define_method(vm, C, "fdiv", cpx_fdiv, 1, 1);
  kn_define_method(vm, C, "**", cpx_pow, 1, 1);
  kn_define_method(vm, C, "-@", cpx_uminus, 0, 0);
  kn_define_method(vm, C, "==", cpx_eq, 1, 1);
  kn_define_method(vm, C, "<=>", cpx_cmp, 1, 1);
  kn_define_method(vm, C, "coerce", cpx_coerce, 1, 1);
  kn_define_method(vm, C, "abs", cpx_abs, 0, 0);
  kn_define_method(vm, C, "magnitude", cpx_abs, 0, 0);
  kn_define_method(vm, C, "abs2", cpx_abs2, 0, 0);
  kn_define_method(vm, C, "arg", cpx_arg, 0, 0);
  kn_define_method(vm, C, "angle", cpx_arg, 0, 0);
  kn_define_method(vm, C, "phase", cpx_arg, 0, 0);
  kn_define_method(vm, C, "rectangular", cpx_rect, 0, 0);
  kn_define_method(vm, C, "rect", cpx_rect, 0, 0);
  kn_define_method(vm, C, "polar", cpx_polar, 0, 0);
  kn_define_method(vm, C, "conjugate", cpx_conj, 0, 0);
  kn_define_method(vm, C, "conj", cpx_conj, 0, 0);
  kn_define_method(vm, C, "real?", cpx_real_p, 0, 0);
  kn_define_method(vm, C, "finite?", cpx_finite_p, 0, 0);
  kn_define_method(vm, C, "infinite?", cpx_infinite_p, 0, 0);
  kn_define_method(vm, C, "to_s", cpx_to_s, 0, 0);
  kn_define_method(vm, C, "inspect", cpx_inspect, 0, 0);
  kn_define_method(vm, C, "hash", cpx_hash, 0, 0);
  kn_define_method(vm, C, "eql?", cpx_eql, 1, 1);
  kn_define_method(vm, C, "to_i", cpx_to_i, 0, 0);
  kn_define_method(vm, C, "to_f", cpx_to_f, 0, 0);
  kn_define_method(vm, C, "to_r", cpx_to_r, 0, 0);
  kn_define_method(vm, C, "rationalize", cpx_rationalize, 0, 1);
  kn_define_method(vm, C, "to_c", cpx_to_c, 0, 0);
  kn_define_method(vm, C, "numerator", cpx_numerator, 0, 0);
  kn_define_method(vm, C, "denominator", cpx_denominator, 0, 0);

  /* conversions elsewhere */
  kn_define_method(vm, N, "quo", num_quo, 1, 1);
  kn_define_method(vm, N, "i", num_i, 0, 0);
  kn_define_method(vm, N, "to_c", num_to_c, 0, 0);
  kn_define_method(vm, N, "rectangular", num_rect, 0, 0);
  kn_define_method(vm, N, "rect", num_rect, 0, 0);
  kn_define_method(vm, N, "polar", num_polar, 0, 0);
  kn_define_method(vm, N, "arg", num_arg, 0, 0);
  kn_define_method(vm, N, "angle", num_arg, 0, 0);
  kn_define_method(vm, N, "phase", num_arg, 0, 0);
  kn_define_method(vm, N, "numerator", num_numerator, 0, 0);
  kn_define_method(vm, N, "denominator", num_denominator, 0, 0);
  kn_define_method(vm, I, "to_r", int_to_r, 0, 0);
  kn_define_method(vm, I, "rationalize", int_rationalize, 0, 1);
  kn_define_method(vm, F, "to_r", flo_to_r, 0, 0);
  kn_define_method(vm, F, "rationalize", flo_rationalize, 0, 1);
  kn_define_method(vm, F, "numerator", flo_numerator, 0, 0);
  kn_define_method(vm, F, "denominator", flo_denominator, 0, 0);
  kn_define_method(vm, vm->cNilClass, "to_r", nil_to_r, 0, 0);
  kn_define_method(vm, vm->cNilClass, "rationalize", nil_rationalize, 0, 1);
  kn_define_method(vm, vm->cNilClass, "to_c", nil_to_c, 0, 0);
  kn_define_method(vm, vm->cString, "to_r", str_to_r_m, 0, 0);
  kn_define_method(vm, vm->cString, "to_c", str_to_c_m, 0, 0);

  /* what Complex inherits from Numeric and Comparable but cannot do (after Numeric#i) */
  static const char *const not_for_complex[] = {
    "%", "<", "<=", ">", ">=", "between?", "clamp", "div", "divmod", "floor", "ceil",
    "modulo", "remainder", "round", "step", "truncate", "i", "positive?", "negative?"};
  for (size_t k = 0; k < sizeof not_for_complex / sizeof *not_for_complex; k++) {
    ID m = kn_intern(vm, not_for_complex[k]);
    if (kn_method_lookup(vm, C, m)) kn_undef_method(vm, C, m);
  }
}
