/* numeric.c -- Numeric, Integer and Float: arithmetic with CRuby's coercion protocol, exact
 * Integer/Float comparison, rounding with digits, Float#to_s (shortest round trip), and the
 * iterators times/upto/downto/step. Bignum plumbing is in bignum.c, the shared helpers are
 * declared in numeric.h. The interpreter's opt_* instructions handle Fixnum/flonum fast
 * paths inline and call kn_int_plus & co. for everything else. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <strings.h>
#include "numeric.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk

/* ---- small helpers ------------------------------------------------------------------------ */

VALUE kn_float_new(VM *vm, double d) {
  VALUE v = kn_flonum_try(d);
  if (v != Qundef) return v;
  v = kn_obj_alloc(vm, T_FLOAT, vm->cFloat);
  RBASIC(v)->flags |= FL_FROZEN;
  ((RFloat *)v)->value = d;
  return v;
}

#define DBL(d) kn_float_new(vm, (d))
#define FV(v) kn_float_value(v)

static inline bool int_p(VALUE v) { return FIXNUM_P(v) || kn_is_type(v, T_BIGNUM); }
static inline bool num_p(VALUE v) { return int_p(v) || kn_float_p(v); }
static inline double num_dbl(VALUE v) { return kn_float_p(v) ? FV(v) : kn_int_to_dbl(v); }
static inline int int_sign(VALUE v) {
  return FIXNUM_P(v) ? (FIX2LONG(v) > 0) - (FIX2LONG(v) < 0) : mpz_sgn(RBIGNUM(v)->mp);
}

static _Noreturn void zerodiv(VM *vm) { kn_raise(vm, vm->eZeroDivisionError, "divided by 0"); }

/* Enumerator for a blockless iterator call: self.to_enum(:meth, *args). */
static VALUE to_enum(VM *vm, VALUE self, const char *meth, int argc, const VALUE *argv) {
  VALUE args[8];
  args[0] = kn_sym(vm, meth);
  if (argc > 7) argc = 7;
  for (int i = 0; i < argc; i++) args[i + 1] = argv[i];
  return kn_funcall(vm, self, vm->id_to_enum, argc + 1, args);
}

/* A read-only mpz view of any Integer; Fixnums use the caller's scratch (no allocation). */
typedef struct { mpz_t z; mp_limb_t limb; } IntTmp;
static mpz_srcptr imp(VALUE v, IntTmp *t) {
  if (!FIXNUM_P(v)) return RBIGNUM(v)->mp;
  intptr_t n = FIX2LONG(v);
  t->limb = n < 0 ? (mp_limb_t)0 - (mp_limb_t)n : (mp_limb_t)n;
  return mpz_roinit_n(t->z, &t->limb, n < 0 ? -1 : n > 0 ? 1 : 0);
}

typedef void (*MpzBinop)(mpz_ptr, mpz_srcptr, mpz_srcptr);
static VALUE big_binop(VM *vm, VALUE a, VALUE b, MpzBinop op) {
  IntTmp ta, tb;
  mpz_t r;
  mpz_init(r);
  op(r, imp(a, &ta), imp(b, &tb));
  return kn_big_take(vm, r);
}

static size_t int_bitlen(VALUE v) {   /* bits of |v| (0 for 0) */
  if (FIXNUM_P(v)) {
    intptr_t n = FIX2LONG(v);
    uintptr_t u = n < 0 ? (uintptr_t)0 - (uintptr_t)n : (uintptr_t)n;
    return u ? 64 - (size_t)__builtin_clzll(u) : 0;
  }
  return mpz_sizeinbase(RBIGNUM(v)->mp, 2);
}

static uintptr_t mix64(uintptr_t h) {
  h ^= h >> 33; h *= 0xff51afd7ed558ccdULL; h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ULL; h ^= h >> 33;
  return h;
}

/* "file:line: warning: msg" on $stderr, at the Ruby caller's location (unless -W0). */
void kn_num_warn(VM *vm, const char *msg) {
  if (!vm->opts.warnings) return;
  VALUE bt = kn_backtrace(vm, 0);
  VALUE line = kn_str_new_cstr(vm, "");
  if (kn_is_type(bt, T_ARRAY)) {
    for (long i = 0; i < RARRAY_LEN(bt); i++) {
      VALUE e = RARRAY_PTR(bt)[i];
      if (!kn_is_type(e, T_STRING)) continue;
      const char *s = RSTRING_PTR(e);
      const char *in = strstr(s, ":in ");
      kn_str_cat(vm, line, s, in ? (long)(in - s) : RSTRING_LEN(e));
      kn_str_cat_cstr(vm, line, ": ");
      break;
    }
  }
  kn_str_cat_cstr(vm, line, "warning: ");
  kn_str_cat_cstr(vm, line, msg);
  kn_str_cat_cstr(vm, line, "\n");
  kn_io_write(vm, vm->stderr_obj, RSTRING_PTR(line), RSTRING_LEN(line));
  kn_keep_alive(line);
}

/* ---- conversions ------------------------------------------------------------------------ */

VALUE kn_to_int(VM *vm, VALUE v) {
  if (int_p(v)) return v;
  if (kn_float_p(v)) return kn_dbl_to_int(vm, FV(v));
  if (SPECIAL_CONST_P(v) && !SYMBOL_P(v)) kn_type_error(vm, v, "Integer");
  if (!kn_respond_to(vm, v, vm->id_to_int, true)) kn_type_error(vm, v, "Integer");
  VALUE r = kn_funcall(vm, v, vm->id_to_int, 0, NULL);
  if (!int_p(r)) {
    VALUE vc = kn_class_name_of(vm, v), rc = kn_class_name_of(vm, r);
    kn_raise(vm, vm->eTypeError, "can't convert %V to Integer (%V#to_int gives %V)", vc, vc, rc);
  }
  return r;
}

double kn_to_dbl_conv(VM *vm, VALUE v) {
  if (kn_float_p(v)) return FV(v);
  if (int_p(v)) return kn_int_to_dbl(v);
  VALUE f = kn_funcall(vm, vm->top_self, kn_intern(vm, "Float"), 1, &v);
  return num_dbl(f);
}

static long num2int(VM *vm, VALUE v) {   /* NUM2INT: for digit counts */
  long n = (long)kn_num2long(vm, v);
  if (n > INT32_MAX || n < INT32_MIN)
    kn_raise(vm, vm->eRangeError, "integer %ld too %s to convert to `int'", n, n < 0 ? "small" : "big");
  return n;
}

/* ---- coercion (CRuby's do_coerce) ---------------------------------------------------------- */

static _Noreturn void coerce_failed(VM *vm, VALUE x, VALUE y) {
  VALUE d = (SPECIAL_CONST_P(y) || kn_float_p(y)) ? kn_inspect(vm, y)
                                                  : kn_class_name(vm, kn_obj_class(vm, y));
  VALUE xc = kn_class_name_of(vm, x);
  kn_raise(vm, vm->eTypeError, "%V can't be coerced into %V", d, xc);
}

/* y.coerce(x) -> [x', y']. When y has no coerce: TypeError if err, else false. */
static bool do_coerce(VM *vm, VALUE *x, VALUE *y, bool err) {
  if (!kn_respond_to(vm, *y, vm->id_coerce, true)) {
    if (err) coerce_failed(vm, *x, *y);
    return false;
  }
  VALUE ary = kn_funcall(vm, *y, vm->id_coerce, 1, x);
  if (!err && NIL_P(ary)) return false;
  if (!kn_is_type(ary, T_ARRAY) || RARRAY_LEN(ary) != 2)
    kn_raise(vm, vm->eTypeError, "coerce must return [x, y]");
  *x = RARRAY_PTR(ary)[0];
  *y = RARRAY_PTR(ary)[1];
  return true;
}

VALUE kn_num_coerce_bin(VM *vm, VALUE x, VALUE y, ID op) {
  do_coerce(vm, &x, &y, true);
  return kn_funcall(vm, x, op, 1, &y);
}
#define coerce_bin kn_num_coerce_bin

VALUE kn_num_coerce_cmp(VM *vm, VALUE x, VALUE y, ID op) {
  if (!do_coerce(vm, &x, &y, false)) return Qnil;
  return kn_funcall(vm, x, op, 1, &y);
}
#define coerce_cmp kn_num_coerce_cmp

static VALUE coerce_relop(VM *vm, VALUE x, VALUE y, ID op) {
  VALUE x0 = x, y0 = y;
  if (!do_coerce(vm, &x, &y, false)) kn_cmperr(vm, x0, y0);
  VALUE r = kn_funcall(vm, x, op, 1, &y);
  if (NIL_P(r)) kn_cmperr(vm, x0, y0);
  return r;
}

/* Bit operations accept only Integers after coercion (a Float is refused outright). */
static VALUE coerce_bit(VM *vm, VALUE x, VALUE y, ID op) {
  if (kn_float_p(y)) coerce_failed(vm, x, y);
  return coerce_bin(vm, x, y, op);
}

static VALUE num_equal_rev(VM *vm, VALUE x, VALUE y) {   /* x == y for a foreign y: y == x */
  if (x == y) return Qtrue;
  return KN_BOOL(RTEST(kn_funcall(vm, y, vm->id_eq, 1, &x)));
}

/* ---- Float division/modulo (CRuby's flodivmod semantics) ------------------------------------- */

static void flodivmod(VM *vm, double x, double y, double *divp, double *modp) {
  double div, mod;
  if (isnan(y)) { if (divp) *divp = y; if (modp) *modp = y; return; }
  if (y == 0.0) zerodiv(vm);
  if (x == 0.0 || (isinf(y) && !isinf(x))) mod = x;
  else mod = fmod(x, y);
  if (isinf(x) && !isinf(y)) div = x;
  else {
    div = (x - mod) / y;
    if (divp && modp) div = round(div);
  }
  if (y * mod < 0) { mod += y; div -= 1.0; }
  if (divp) *divp = div;
  if (modp) *modp = mod;
}

static double flo_mod_d(VM *vm, double x, double y) {
  double m;
  flodivmod(vm, x, y, NULL, &m);
  return m;
}

static VALUE flo_divmod_pair(VM *vm, double x, double y) {
  double d, m;
  flodivmod(vm, x, y, &d, &m);
  return kn_ary_new_values(vm, 2, kn_dbl_to_int(vm, d), DBL(m));
}

/* ---- Integer arithmetic (the vm.h slow paths) ---------------------------------------------- */

VALUE kn_int_plus(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return kn_int_new(vm, FIX2LONG(a) + FIX2LONG(b));
  if (int_p(b)) return big_binop(vm, a, b, mpz_add);
  if (kn_float_p(b)) return DBL(kn_int_to_dbl(a) + FV(b));
  if (FIXNUM_P(a) && kn_is_type(b, T_COMPLEX)) return kn_complex_plus_real(vm, b, a);
  return coerce_bin(vm, a, b, vm->id_plus);
}

VALUE kn_int_minus(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return kn_int_new(vm, FIX2LONG(a) - FIX2LONG(b));
  if (int_p(b)) return big_binop(vm, a, b, mpz_sub);
  if (kn_float_p(b)) return DBL(kn_int_to_dbl(a) - FV(b));
  return coerce_bin(vm, a, b, vm->id_minus);
}

VALUE kn_int_mult(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) {
    intptr_t r;
    if (!__builtin_mul_overflow(FIX2LONG(a), FIX2LONG(b), &r)) return kn_int_new(vm, r);
    return big_binop(vm, a, b, mpz_mul);
  }
  if (int_p(b)) return big_binop(vm, a, b, mpz_mul);
  if (kn_float_p(b)) return DBL(kn_int_to_dbl(a) * FV(b));
  if (FIXNUM_P(a) && kn_is_type(b, T_COMPLEX)) return kn_complex_mul_real(vm, b, a);
  return coerce_bin(vm, a, b, vm->id_mult);
}

static VALUE int_idiv(VM *vm, VALUE a, VALUE b) {   /* floor division, b Integer */
  if (b == INT2FIX(0)) zerodiv(vm);
  if (FIXNUM_P(a) && FIXNUM_P(b)) {
    intptr_t x = FIX2LONG(a), y = FIX2LONG(b), q = x / y;
    if ((x % y != 0) && ((x < 0) != (y < 0))) q--;
    return kn_int_new(vm, q);
  }
  return big_binop(vm, a, b, mpz_fdiv_q);
}

static VALUE int_imod(VM *vm, VALUE a, VALUE b) {   /* floor modulo, b Integer */
  if (b == INT2FIX(0)) zerodiv(vm);
  if (FIXNUM_P(a) && FIXNUM_P(b)) {
    intptr_t x = FIX2LONG(a), y = FIX2LONG(b), m = x % y;
    if (m != 0 && ((m < 0) != (y < 0))) m += y;
    return INT2FIX(m);
  }
  return big_binop(vm, a, b, mpz_fdiv_r);
}

VALUE kn_int_div(VM *vm, VALUE a, VALUE b) {
  if (int_p(b)) return int_idiv(vm, a, b);
  if (kn_float_p(b)) return DBL(kn_int_to_dbl(a) / FV(b));
  return coerce_bin(vm, a, b, vm->id_div);
}

VALUE kn_int_mod(VM *vm, VALUE a, VALUE b) {
  if (int_p(b)) return int_imod(vm, a, b);
  if (kn_float_p(b)) return DBL(flo_mod_d(vm, kn_int_to_dbl(a), FV(b)));
  return coerce_bin(vm, a, b, vm->id_mod);
}

static VALUE int_neg(VM *vm, VALUE a) {
  if (FIXNUM_P(a)) return kn_int_new(vm, -FIX2LONG(a));
  mpz_t r;
  mpz_init(r);
  mpz_neg(r, RBIGNUM(a)->mp);
  return kn_big_take(vm, r);
}

static VALUE int_abs_v(VM *vm, VALUE a) { return int_sign(a) < 0 ? int_neg(vm, a) : a; }

/* x ** y for doubles: a negative x with a non-integral y gives a Complex, as in CRuby. */
static VALUE dbl_pow(VM *vm, double x, double y) {
  if (x < 0 && y != round(y)) return kn_complex_polar_pi(vm, pow(-x, y), y);
  return DBL(pow(x, y));
}

/* Integer ** Integer/Float. A negative integer exponent gives a Rational (1 and -1 stay
 * Integers); a negative base with a fractional Float exponent a Complex. */
#define BIGPOW_LIMIT (32UL * 1024 * 1024)
VALUE kn_int_pow(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(b)) {
    intptr_t y = FIX2LONG(b);
    if (y < 0) {
      if (a == INT2FIX(0)) zerodiv(vm);
      if (a == INT2FIX(1)) return a;
      if (a == INT2FIX(-1)) return (y & 1) ? a : INT2FIX(1);
      VALUE d = kn_int_pow(vm, a, kn_int_new(vm, -y));
      if (kn_float_p(d)) return DBL(1.0 / FV(d));   /* too big: CRuby's Float fallback */
      return kn_rational_new(vm, INT2FIX(1), d);
    }
    if (FIXNUM_P(a)) {
      intptr_t x = FIX2LONG(a), r = 1;
      uintptr_t e = (uintptr_t)y;
      bool ovf = false;
      while (e) {
        if ((e & 1) && __builtin_mul_overflow(r, x, &r)) { ovf = true; break; }
        e >>= 1;
        if (e && __builtin_mul_overflow(x, x, &x)) { ovf = true; break; }
      }
      if (!ovf) return kn_int_new(vm, r);
    }
    if ((double)int_bitlen(a) * (double)y > (double)BIGPOW_LIMIT) {
      kn_num_warn(vm, "in a**b, b may be too big");
      return DBL(pow(kn_int_to_dbl(a), (double)y));
    }
    IntTmp t;
    mpz_t r;
    mpz_init(r);
    mpz_pow_ui(r, imp(a, &t), (unsigned long)y);
    return kn_big_take(vm, r);
  }
  if (int_p(b)) {   /* Bignum exponent */
    if (a == INT2FIX(1)) return a;
    if (a == INT2FIX(0)) {
      if (int_sign(b) < 0) zerodiv(vm);
      return a;
    }
    if (a == INT2FIX(-1)) return mpz_even_p(RBIGNUM(b)->mp) ? INT2FIX(1) : a;
    kn_num_warn(vm, "in a**b, b may be too big");
    return DBL(pow(kn_int_to_dbl(a), kn_int_to_dbl(b)));
  }
  if (kn_float_p(b)) return dbl_pow(vm, kn_int_to_dbl(a), FV(b));
  return coerce_bin(vm, a, b, vm->id_pow);
}
#define int_pow kn_int_pow

/* Exact-ish a / b for Integers whose doubles overflow: scale so the quotient has >= 66
 * significant bits and keep a sticky bit for the remainder, then round once. */
static double big_fdiv_exact(mpz_srcptr za, mpz_srcptr zb) {
  if (mpz_sgn(za) == 0) return mpz_sgn(zb) < 0 ? -0.0 : 0.0;
  long shift = (long)mpz_sizeinbase(zb, 2) - (long)mpz_sizeinbase(za, 2) + 66;
  mpz_t n, q, r;
  mpz_inits(n, q, r, NULL);
  if (shift >= 0) mpz_mul_2exp(n, za, (mp_bitcnt_t)shift);
  else mpz_tdiv_q_2exp(n, za, (mp_bitcnt_t)-shift);
  mpz_tdiv_qr(q, r, n, zb);
  if (mpz_sgn(r) != 0) mpz_setbit(q, 0);  /* q's low bit lies well below the rounding point */
  double d = kn_big_to_dbl(q);
  mpz_clears(n, q, r, NULL);
  return ldexp(d, (int)-shift);
}

/* Integer#fdiv as CRuby 3.1 computes it: reduce by the gcd; two Fixnums divide as doubles
 * (so the result can be off by the conversion roundings, exactly like CRuby); a Bignum
 * divisor, or a dividend too big for a double, takes the (near) exact quotient; a Bignum
 * dividend by a Fixnum divides the doubles. */
double kn_int_fdiv_dbl(VALUE a, VALUE b) {
  if (int_sign(b) == 0) return kn_int_to_dbl(a) / 0.0;
  IntTmp ta, tb;
  mpz_t x, y, g;
  mpz_inits(x, y, g, NULL);
  mpz_set(x, imp(a, &ta));
  mpz_set(y, imp(b, &tb));
  mpz_gcd(g, x, y);
  if (mpz_cmp_ui(g, 1) > 0) { mpz_divexact(x, x, g); mpz_divexact(y, y, g); }
  double d;
  bool yfix = mpz_fits_slong_p(y) && FIXABLE(mpz_get_si(y));
  if (!yfix) d = big_fdiv_exact(x, y);
  else {
    double dx = kn_big_to_dbl(x);
    d = isinf(dx) ? big_fdiv_exact(x, y) : dx / (double)mpz_get_si(y);
  }
  mpz_clears(x, y, g, NULL);
  return d;
}

/* ---- Integer methods ------------------------------------------------------------------------ */

static VALUE int_plus_m(ARGS) { (void)argc; (void)blk; return kn_int_plus(vm, self, argv[0]); }
static VALUE int_minus_m(ARGS) { (void)argc; (void)blk; return kn_int_minus(vm, self, argv[0]); }
static VALUE int_mult_m(ARGS) { (void)argc; (void)blk; return kn_int_mult(vm, self, argv[0]); }
static VALUE int_div_m(ARGS) { (void)argc; (void)blk; return kn_int_div(vm, self, argv[0]); }
static VALUE int_mod_m(ARGS) { (void)argc; (void)blk; return kn_int_mod(vm, self, argv[0]); }
static VALUE int_pow_m(ARGS) { (void)argc; (void)blk; return int_pow(vm, self, argv[0]); }
static VALUE int_uminus(ARGS) { (void)argc; (void)argv; (void)blk; return int_neg(vm, self); }
static VALUE int_abs(ARGS) { (void)argc; (void)argv; (void)blk; return int_abs_v(vm, self); }

static VALUE int_pow_mod(ARGS) {
  (void)blk;
  if (argc == 1) return int_pow(vm, self, argv[0]);
  VALUE b = argv[0], m = argv[1];
  if (!int_p(b))
    kn_raise(vm, vm->eTypeError, "Integer#pow() 2nd argument not allowed unless a 1st argument is integer");
  if (int_sign(b) < 0)
    kn_raise(vm, vm->eRangeError, "Integer#pow() 1st argument cannot be negative when 2nd argument specified");
  if (!int_p(m))
    kn_raise(vm, vm->eTypeError, "Integer#pow() 2nd argument not allowed unless all arguments are integers");
  if (int_sign(m) == 0) zerodiv(vm);
  IntTmp ta, tb, tm;
  mpz_t r, am;
  mpz_inits(r, am, NULL);
  mpz_abs(am, imp(m, &tm));
  mpz_powm(r, imp(self, &ta), imp(b, &tb), am);   /* 0 <= r < |m| */
  if (int_sign(m) < 0 && mpz_sgn(r) != 0) mpz_sub(r, r, am);
  mpz_clear(am);
  return kn_big_take(vm, r);
}

static VALUE int_fdiv(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (int_p(b)) return DBL(kn_int_fdiv_dbl(self, b));
  if (kn_float_p(b)) return DBL(kn_int_to_dbl(self) / FV(b));
  return coerce_bin(vm, self, b, kn_intern(vm, "fdiv"));
}

static VALUE int_divmod(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (int_p(b)) {
    if (b == INT2FIX(0)) zerodiv(vm);
    if (FIXNUM_P(self) && FIXNUM_P(b)) return kn_ary_new_values(vm, 2, int_idiv(vm, self, b), int_imod(vm, self, b));
    IntTmp ta, tb;
    mpz_t q, r;
    mpz_inits(q, r, NULL);
    mpz_fdiv_qr(q, r, imp(self, &ta), imp(b, &tb));
    VALUE vq = kn_big_take(vm, q);
    VALUE vr = kn_big_take(vm, r);
    return kn_ary_new_values(vm, 2, vq, vr);
  }
  if (kn_float_p(b)) return flo_divmod_pair(vm, kn_int_to_dbl(self), FV(b));
  return coerce_bin(vm, self, b, kn_intern(vm, "divmod"));
}

static VALUE int_idiv_m(ARGS) {   /* Integer#div */
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (int_p(b)) return int_idiv(vm, self, b);
  if (kn_float_p(b)) {
    if (FV(b) == 0.0) zerodiv(vm);
    return kn_dbl_to_int(vm, floor(kn_int_to_dbl(self) / FV(b)));
  }
  return coerce_bin(vm, self, b, kn_intern(vm, "div"));
}

static VALUE int_remainder(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (int_p(b)) {
    if (b == INT2FIX(0)) zerodiv(vm);
    if (FIXNUM_P(self) && FIXNUM_P(b)) {
      if (b == INT2FIX(-1)) return INT2FIX(0);
      return INT2FIX(FIX2LONG(self) % FIX2LONG(b));
    }
    return big_binop(vm, self, b, mpz_tdiv_r);
  }
  if (kn_float_p(b)) {
    double x = kn_int_to_dbl(self), y = FV(b);
    if (y == 0.0) zerodiv(vm);
    if (isinf(y) && !isinf(x)) return DBL(x);
    return DBL(fmod(x, y));
  }
  VALUE x = self;
  do_coerce(vm, &x, &b, true);
  return kn_funcall(vm, x, kn_intern(vm, "remainder"), 1, &b);
}

/* comparisons */
static VALUE int_eq_v(VM *vm, VALUE a, VALUE b) {
  if (a == b) return Qtrue;
  if (FIXNUM_P(a) && FIXNUM_P(b)) return Qfalse;
  if (int_p(b)) return KN_BOOL(kn_int_cmp(a, b) == 0);
  if (kn_float_p(b)) return KN_BOOL(kn_int_cmp_dbl(a, FV(b)) == 0);
  return num_equal_rev(vm, a, b);
}
static VALUE int_eq(ARGS) { (void)argc; (void)blk; return int_eq_v(vm, self, argv[0]); }

static VALUE int_cmp_m(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (int_p(b)) return INT2FIX(kn_int_cmp(self, b));
  if (kn_float_p(b)) {
    int c = kn_int_cmp_dbl(self, FV(b));
    return c == 2 ? Qnil : INT2FIX(c);
  }
  return coerce_cmp(vm, self, b, vm->id_cmp);
}

#define INT_RELOP(fname, OP, idf)                                                      \
  static VALUE fname(ARGS) {                                                            \
    (void)argc; (void)blk;                                                              \
    VALUE b = argv[0];                                                                  \
    if (FIXNUM_P(self) && FIXNUM_P(b)) return KN_BOOL((intptr_t)self OP (intptr_t)b);   \
    if (int_p(b)) return KN_BOOL(kn_int_cmp(self, b) OP 0);                             \
    if (kn_float_p(b)) {                                                                \
      int c = kn_int_cmp_dbl(self, FV(b));                                              \
      return KN_BOOL(c != 2 && c OP 0);                                                 \
    }                                                                                   \
    return coerce_relop(vm, self, b, vm->idf);                                          \
  }
INT_RELOP(int_lt, <, id_lt)
INT_RELOP(int_le, <=, id_le)
INT_RELOP(int_gt, >, id_gt)
INT_RELOP(int_ge, >=, id_ge)

static VALUE int_eql(ARGS) {
  (void)vm; (void)argc; (void)blk;
  VALUE b = argv[0];
  if (!int_p(b)) return Qfalse;
  return KN_BOOL(kn_int_cmp(self, b) == 0);
}

static VALUE int_hash(ARGS) {
  (void)vm; (void)argc; (void)argv; (void)blk;
  if (FIXNUM_P(self)) return INT2FIX((intptr_t)(mix64(self) >> 2));
  const mpz_t *z = &RBIGNUM(self)->mp;
  uintptr_t h = (uintptr_t)mpz_sgn(*z) * 0x9e3779b97f4a7c15ULL;
  for (size_t i = 0; i < mpz_size(*z); i++) h = mix64(h ^ mpz_getlimbn(*z, (mp_size_t)i));
  return INT2FIX((intptr_t)(h >> 2));
}

/* bit operations */
static VALUE int_and(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (FIXNUM_P(self) && FIXNUM_P(b)) return self & b;
  if (int_p(b)) return big_binop(vm, self, b, mpz_and);
  return coerce_bit(vm, self, b, vm->id_and);
}
static VALUE int_or(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (FIXNUM_P(self) && FIXNUM_P(b)) return self | b;
  if (int_p(b)) return big_binop(vm, self, b, mpz_ior);
  return coerce_bit(vm, self, b, vm->id_or);
}
static VALUE int_xor(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (FIXNUM_P(self) && FIXNUM_P(b)) return (self ^ b) | 1;
  if (int_p(b)) return big_binop(vm, self, b, mpz_xor);
  return coerce_bit(vm, self, b, vm->id_xor);
}
static VALUE int_com(ARGS) {
  (void)argc; (void)argv; (void)blk;
  if (FIXNUM_P(self)) return INT2FIX(~FIX2LONG(self));
  mpz_t r;
  mpz_init(r);
  mpz_com(r, RBIGNUM(self)->mp);
  return kn_big_take(vm, r);
}

static VALUE int_rshift_n(VM *vm, VALUE a, uintptr_t n) {   /* floor(a / 2**n) */
  if (FIXNUM_P(a)) {
    intptr_t x = FIX2LONG(a);
    if (n >= 63) return INT2FIX(x < 0 ? -1 : 0);
    return INT2FIX(x >> n);
  }
  mpz_t r;
  mpz_init(r);
  mpz_fdiv_q_2exp(r, RBIGNUM(a)->mp, (mp_bitcnt_t)n);
  return kn_big_take(vm, r);
}

static VALUE int_lshift_n(VM *vm, VALUE a, uintptr_t n) {
  if (a == INT2FIX(0)) return a;
  if (FIXNUM_P(a) && n < 62) {
    intptr_t x = FIX2LONG(a);
    intptr_t r = (intptr_t)((uintptr_t)x << n);
    if ((r >> n) == x && FIXABLE(r)) return INT2FIX(r);
  }
  if (n > ((uintptr_t)1 << 34)) kn_raise(vm, vm->eRangeError, "shift width too big");
  IntTmp t;
  mpz_t r;
  mpz_init(r);
  mpz_mul_2exp(r, imp(a, &t), (mp_bitcnt_t)n);
  return kn_big_take(vm, r);
}

/* a << b for any Integer b (negative: right shift). */
static VALUE int_shift(VM *vm, VALUE a, VALUE b, bool left) {
  if (!FIXNUM_P(b)) {   /* a Bignum count */
    bool grow = (mpz_sgn(RBIGNUM(b)->mp) > 0) == left;
    if (!grow) return INT2FIX(int_sign(a) < 0 ? -1 : 0);
    if (a == INT2FIX(0)) return a;
    kn_raise(vm, vm->eRangeError, "shift width too big");
  }
  intptr_t n = FIX2LONG(b);
  if (!left) n = -n;
  return n >= 0 ? int_lshift_n(vm, a, (uintptr_t)n) : int_rshift_n(vm, a, (uintptr_t)-n);
}
static VALUE int_lshift(ARGS) { (void)argc; (void)blk; return int_shift(vm, self, kn_to_int(vm, argv[0]), true); }
static VALUE int_rshift(ARGS) { (void)argc; (void)blk; return int_shift(vm, self, kn_to_int(vm, argv[0]), false); }

static VALUE int_bit(VALUE a, VALUE i) {   /* a[i] for an Integer i */
  if (!FIXNUM_P(i)) {
    if (mpz_sgn(RBIGNUM(i)->mp) < 0) return INT2FIX(0);
    return INT2FIX(int_sign(a) < 0 ? 1 : 0);
  }
  intptr_t n = FIX2LONG(i);
  if (n < 0) return INT2FIX(0);
  if (FIXNUM_P(a)) return INT2FIX(n >= 63 ? FIX2LONG(a) < 0 : (FIX2LONG(a) >> n) & 1);
  return INT2FIX(mpz_tstbit(RBIGNUM(a)->mp, (mp_bitcnt_t)n));
}

/* (a >> beg) & (2**len - 1) */
static VALUE int_bits(VM *vm, VALUE a, VALUE beg, VALUE len) {
  VALUE sh = int_shift(vm, a, beg, false);
  if (int_sign(len) < 0) return sh;
  VALUE mask = kn_int_minus(vm, int_shift(vm, INT2FIX(1), len, true), INT2FIX(1));
  VALUE args[1] = {mask};
  return int_and(vm, sh, 1, args, Qnil);
}

static VALUE int_aref(ARGS) {
  (void)blk;
  if (argc == 2) return int_bits(vm, self, kn_to_int(vm, argv[0]), kn_to_int(vm, argv[1]));
  VALUE i = argv[0];
  if (kn_is_type(i, T_RANGE)) {
    VALUE b = RRANGE(i)->beg, e = RRANGE(i)->end;
    bool excl = (RBASIC(i)->flags & FL_EXCL) != 0;
    if (NIL_P(b)) {
      if (NIL_P(e)) return self;
      VALUE ee = kn_to_int(vm, e);
      if (!excl) ee = kn_int_plus(vm, ee, INT2FIX(1));
      VALUE low = int_bits(vm, self, INT2FIX(0), ee);
      if (low != INT2FIX(0))
        kn_raise(vm, vm->eArgumentError, "The beginless range for Integer#[] results in infinity");
      return INT2FIX(0);
    }
    b = kn_to_int(vm, b);
    if (NIL_P(e)) return int_shift(vm, self, b, false);
    e = kn_to_int(vm, e);
    VALUE len = kn_int_minus(vm, e, b);
    if (!excl) len = kn_int_plus(vm, len, INT2FIX(1));
    if (int_sign(len) <= 0) return int_shift(vm, self, b, false);
    return int_bits(vm, self, b, len);
  }
  return int_bit(self, kn_to_int(vm, i));
}

static VALUE int_allbits(ARGS) {
  (void)argc; (void)blk;
  VALUE m = kn_to_int(vm, argv[0]);
  VALUE r = int_and(vm, self, 1, &m, Qnil);
  return KN_BOOL(int_eq_v(vm, r, m) == Qtrue);
}
static VALUE int_anybits(ARGS) {
  (void)argc; (void)blk;
  VALUE m = kn_to_int(vm, argv[0]);
  return KN_BOOL(int_and(vm, self, 1, &m, Qnil) != INT2FIX(0));
}
static VALUE int_nobits(ARGS) {
  (void)argc; (void)blk;
  VALUE m = kn_to_int(vm, argv[0]);
  return KN_BOOL(int_and(vm, self, 1, &m, Qnil) == INT2FIX(0));
}

/* predicates and small conversions */
static VALUE int_zero_p(ARGS) { (void)vm; (void)argc; (void)argv; (void)blk; return KN_BOOL(self == INT2FIX(0)); }
static VALUE int_even_p(ARGS) {
  (void)vm; (void)argc; (void)argv; (void)blk;
  if (FIXNUM_P(self)) return KN_BOOL((FIX2LONG(self) & 1) == 0);
  return KN_BOOL(mpz_even_p(RBIGNUM(self)->mp));
}
static VALUE int_odd_p(ARGS) {
  (void)vm; (void)argc; (void)argv; (void)blk;
  if (FIXNUM_P(self)) return KN_BOOL((FIX2LONG(self) & 1) != 0);
  return KN_BOOL(mpz_odd_p(RBIGNUM(self)->mp));
}
static VALUE int_positive_p(ARGS) { (void)vm; (void)argc; (void)argv; (void)blk; return KN_BOOL(int_sign(self) > 0); }
static VALUE int_negative_p(ARGS) { (void)vm; (void)argc; (void)argv; (void)blk; return KN_BOOL(int_sign(self) < 0); }
static VALUE ret_self(ARGS) { (void)vm; (void)argc; (void)argv; (void)blk; return self; }
static VALUE ret_true(ARGS) { (void)vm; (void)self; (void)argc; (void)argv; (void)blk; return Qtrue; }
static VALUE ret_false(ARGS) { (void)vm; (void)self; (void)argc; (void)argv; (void)blk; return Qfalse; }
static VALUE ret_nil(ARGS) { (void)vm; (void)self; (void)argc; (void)argv; (void)blk; return Qnil; }
static VALUE int_succ(ARGS) {
  (void)argc; (void)argv; (void)blk;
  if (FIXNUM_P(self)) return kn_int_new(vm, FIX2LONG(self) + 1);
  return kn_int_plus(vm, self, INT2FIX(1));
}
static VALUE int_pred(ARGS) {
  (void)argc; (void)argv; (void)blk;
  if (FIXNUM_P(self)) return kn_int_new(vm, FIX2LONG(self) - 1);
  return kn_int_minus(vm, self, INT2FIX(1));
}
static VALUE int_to_f(ARGS) { (void)argc; (void)argv; (void)blk; return DBL(kn_int_to_dbl(self)); }
static VALUE int_size(ARGS) {
  (void)vm; (void)argc; (void)argv; (void)blk;
  if (FIXNUM_P(self)) return INT2FIX(8);
  return INT2FIX((intptr_t)((mpz_sizeinbase(RBIGNUM(self)->mp, 2) + 7) / 8));
}
static VALUE int_bit_length(ARGS) {
  (void)argc; (void)argv; (void)blk;
  if (int_sign(self) >= 0) return INT2FIX((intptr_t)int_bitlen(self));
  VALUE c = int_com(vm, self, 0, NULL, Qnil);   /* bit_length(-x) == bit_length(~(-x)) */
  return INT2FIX((intptr_t)int_bitlen(c));
}

static VALUE int_to_s_m(ARGS) {
  (void)blk;
  int base = argc ? (int)num2int(vm, argv[0]) : 10;
  return kn_int_to_s(vm, self, base);
}

static VALUE int_chr(ARGS) {
  (void)blk;
  bool utf8 = false;
  if (argc == 1) {
    VALUE s = kn_obj_as_string(vm, argv[0]);
    const char *n = kn_str_cstr(vm, s);
    utf8 = !strcasecmp(n, "UTF-8") || !strcasecmp(n, "UTF8") || !strcasecmp(n, "CP65001");
  }
  if (!FIXNUM_P(self) || FIX2LONG(self) < 0 || FIX2LONG(self) > (utf8 ? 0x10ffff : 0xff)) {
    if (!FIXNUM_P(self)) kn_raise(vm, vm->eRangeError, "bignum out of char range");
    if (!utf8 || FIX2LONG(self) < 0) kn_raise(vm, vm->eRangeError, "%V out of char range", self);
    kn_raise(vm, vm->eRangeError, "invalid codepoint 0x%lX in UTF-8", (unsigned long)FIX2LONG(self));
  }
  long c = FIX2LONG(self);
  char buf[4];
  int n;
  if (!utf8 || c < 0x80) { buf[0] = (char)c; n = 1; }
  else if (c < 0x800) { buf[0] = (char)(0xc0 | (c >> 6)); buf[1] = (char)(0x80 | (c & 0x3f)); n = 2; }
  else if (c < 0x10000) {
    if (c >= 0xd800 && c <= 0xdfff) kn_raise(vm, vm->eRangeError, "invalid codepoint 0x%lX in UTF-8", (unsigned long)c);
    buf[0] = (char)(0xe0 | (c >> 12)); buf[1] = (char)(0x80 | ((c >> 6) & 0x3f));
    buf[2] = (char)(0x80 | (c & 0x3f)); n = 3;
  } else {
    buf[0] = (char)(0xf0 | (c >> 18)); buf[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    buf[2] = (char)(0x80 | ((c >> 6) & 0x3f)); buf[3] = (char)(0x80 | (c & 0x3f)); n = 4;
  }
  VALUE s = kn_str_new(vm, buf, n);
  if (!utf8 && c >= 0x80) RBASIC(s)->flags |= FL_STR_BINARY;
  return s;
}

static VALUE int_coerce(ARGS) {
  (void)argc; (void)blk;
  VALUE y = argv[0];
  if (int_p(y)) return kn_ary_new_values(vm, 2, y, self);
  double dy = kn_to_dbl_conv(vm, y);
  return kn_ary_new_values(vm, 2, DBL(dy), DBL(kn_int_to_dbl(self)));
}

static VALUE int_gcd_v(VM *vm, VALUE a, VALUE b, bool lcm) {
  if (!int_p(b)) kn_raise(vm, vm->eTypeError, "not an integer");
  IntTmp ta, tb;
  mpz_t r;
  mpz_init(r);
  if (lcm) mpz_lcm(r, imp(a, &ta), imp(b, &tb));
  else mpz_gcd(r, imp(a, &ta), imp(b, &tb));
  return kn_big_take(vm, r);
}
static VALUE int_gcd(ARGS) { (void)argc; (void)blk; return int_gcd_v(vm, self, argv[0], false); }
static VALUE int_lcm(ARGS) { (void)argc; (void)blk; return int_gcd_v(vm, self, argv[0], true); }
static VALUE int_gcdlcm(ARGS) {
  (void)argc; (void)blk;
  VALUE g = int_gcd_v(vm, self, argv[0], false);
  VALUE l = int_gcd_v(vm, self, argv[0], true);
  return kn_ary_new_values(vm, 2, g, l);
}

static VALUE int_digits(ARGS) {
  (void)blk;
  VALUE base = INT2FIX(10);
  if (argc == 1) {
    base = argv[0];
    if (!int_p(base)) kn_type_error(vm, base, "Integer");
    if (int_sign(base) < 0) kn_raise(vm, vm->eArgumentError, "negative radix");
    if (FIXNUM_P(base) && FIX2LONG(base) < 2)
      kn_raise(vm, vm->eArgumentError, "invalid radix %ld", (long)FIX2LONG(base));
  }
  if (int_sign(self) < 0) kn_raise(vm, vm->eMathDomainError, "out of domain");
  VALUE ary = kn_ary_new(vm);
  if (FIXNUM_P(self) && FIXNUM_P(base)) {
    intptr_t n = FIX2LONG(self), b = FIX2LONG(base);
    do { kn_ary_push(vm, ary, INT2FIX(n % b)); n /= b; } while (n > 0);
    return ary;
  }
  IntTmp tb;
  mpz_t n, r;
  mpz_inits(n, r, NULL);
  kn_int_get_mpz(self, n);
  mpz_srcptr zb = imp(base, &tb);
  do {
    mpz_fdiv_qr(n, r, n, zb);
    kn_ary_push(vm, ary, kn_big_new_mpz(vm, r));
  } while (mpz_sgn(n) > 0);
  mpz_clears(n, r, NULL);
  return ary;
}

static VALUE int_s_sqrt(ARGS) {
  (void)self; (void)argc; (void)blk;
  VALUE n = kn_to_int(vm, argv[0]);
  if (int_sign(n) < 0) kn_raise(vm, vm->eMathDomainError, "Numerical argument is out of domain - \"isqrt\"");
  IntTmp t;
  mpz_t r;
  mpz_init(r);
  mpz_sqrt(r, imp(n, &t));
  return kn_big_take(vm, r);
}

static VALUE int_s_try_convert(ARGS) {
  (void)self; (void)argc; (void)blk;
  VALUE v = argv[0];
  if (int_p(v)) return v;
  if (!kn_respond_to(vm, v, vm->id_to_int, true)) return Qnil;
  VALUE r = kn_funcall(vm, v, vm->id_to_int, 0, NULL);
  if (!NIL_P(r) && !int_p(r)) {
    VALUE vc = kn_class_name_of(vm, v), rc = kn_class_name_of(vm, r);
    kn_raise(vm, vm->eTypeError, "can't convert %V to Integer (%V#to_int gives %V)", vc, vc, rc);
  }
  return r;
}

/* ---- rounding ---------------------------------------------------------------------------- */

typedef enum { RK_ROUND, RK_FLOOR, RK_CEIL, RK_TRUNC } RoundKind;

RoundMode kn_round_mode(VM *vm, VALUE opts) {
  if (!kn_is_type(opts, T_HASH)) return RM_UP;
  VALUE h = Qnil, keys = kn_hash_keys(vm, opts), half = kn_sym(vm, "half");
  for (long i = 0; i < RARRAY_LEN(keys); i++)
    if (RARRAY_PTR(keys)[i] != half)
      kn_raise(vm, vm->eArgumentError, "unknown keyword: %S", RARRAY_PTR(keys)[i]);
  kn_hash_lookup(vm, opts, half, &h);
  if (NIL_P(h)) return RM_UP;   /* half: nil is the default */
  const char *s = NULL;
  if (SYMBOL_P(h)) s = kn_id_name(vm, SYM2ID(h));
  else if (kn_is_type(h, T_STRING)) s = kn_str_cstr(vm, h);
  if (s && !strcmp(s, "up")) return RM_UP;
  if (s && !strcmp(s, "even")) return RM_EVEN;
  if (s && !strcmp(s, "down")) return RM_DOWN;
  VALUE d = s ? kn_str_new_cstr(vm, s) : kn_inspect(vm, h);
  kn_raise(vm, vm->eArgumentError, "invalid rounding mode: %V", d);
}

/* Split (ndigits?, opts?) arguments. */
static void round_args(VM *vm, int argc, VALUE *argv, VALUE *nd, VALUE *opts) {
  *nd = Qundef;
  *opts = Qnil;
  if (argc > 0 && kn_is_type(argv[argc - 1], T_HASH)) { *opts = argv[argc - 1]; argc--; }
  if (argc > 0) *nd = argv[0];
  (void)vm;
}

/* CRuby's shortcut: for |ndigits| clearly beyond the number's size the result is 0. */
static bool int_round_zero_p(VALUE x, long nd) {
  double bytes = FIXNUM_P(x) ? 8.0 : (double)((mpz_sizeinbase(RBIGNUM(x)->mp, 2) + 7) / 8);
  return -0.415241 * (double)nd - 0.125 > bytes;
}

/* Round Integer x to a multiple of 10**(-nd), nd < 0. */
static VALUE int_round_digits(VM *vm, VALUE x, long nd, RoundKind kind, RoundMode mode) {
  if (int_round_zero_p(x, nd)) return INT2FIX(0);
  if (kind == RK_TRUNC) kind = int_sign(x) < 0 ? RK_CEIL : RK_FLOOR;
  IntTmp tx;
  mpz_t f, q, r, h;
  mpz_inits(f, q, r, h, NULL);
  mpz_ui_pow_ui(f, 10, (unsigned long)-nd);
  mpz_srcptr zx = imp(x, &tx);
  if (kind == RK_CEIL && !(FIXNUM_P(x) && nd >= -18)) {
    /* CRuby computes x + (f - x % f) once a Bignum is involved: an exact multiple still
     * moves up by f ((10**20).ceil(-1) == 10**20 + 10). Reproduced. */
    mpz_fdiv_r(r, zx, f);
    mpz_sub(q, f, r);
    mpz_add(q, q, zx);
    mpz_clears(f, r, h, NULL);
    return kn_big_take(vm, q);
  }
  if (kind == RK_FLOOR) mpz_fdiv_qr(q, r, zx, f);
  else if (kind == RK_CEIL) mpz_cdiv_qr(q, r, zx, f);
  else {
    /* |x| = q*f + r, round |x| then restore the sign */
    mpz_abs(h, zx);
    mpz_tdiv_qr(q, r, h, f);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, f);
    bool up = c > 0 || (c == 0 && (mode == RM_UP || (mode == RM_EVEN && mpz_odd_p(q))));
    if (up) mpz_add_ui(q, q, 1);
    if (mpz_sgn(zx) < 0) mpz_neg(q, q);
  }
  mpz_mul(q, q, f);
  mpz_clears(f, r, h, NULL);
  return kn_big_take(vm, q);
}

static VALUE int_round_common(VM *vm, VALUE self, int argc, VALUE *argv, RoundKind kind) {
  VALUE nd, opts;
  round_args(vm, argc, argv, &nd, &opts);
  if (nd == Qundef) return self;
  long n = num2int(vm, nd);
  RoundMode mode = kind == RK_ROUND ? kn_round_mode(vm, opts) : RM_UP;
  if (n >= 0) return self;
  return int_round_digits(vm, self, n, kind, mode);
}
static VALUE int_round(ARGS) { (void)blk; return int_round_common(vm, self, argc, argv, RK_ROUND); }
static VALUE int_floor(ARGS) { (void)blk; return int_round_common(vm, self, argc, argv, RK_FLOOR); }
static VALUE int_ceil(ARGS) { (void)blk; return int_round_common(vm, self, argc, argv, RK_CEIL); }
static VALUE int_truncate(ARGS) { (void)blk; return int_round_common(vm, self, argc, argv, RK_TRUNC); }

/* ---- iterators ---------------------------------------------------------------------------- */

static VALUE int_times(ARGS) {
  (void)argc; (void)argv;
  if (NIL_P(blk)) return to_enum(vm, self, "times", 0, NULL);
  if (FIXNUM_P(self)) {
    intptr_t n = FIX2LONG(self);
    for (intptr_t i = 0; i < n; i++) kn_yield1(vm, blk, INT2FIX(i));
    return self;
  }
  for (VALUE i = INT2FIX(0); kn_int_cmp(i, self) < 0; i = kn_int_plus(vm, i, INT2FIX(1)))
    kn_yield1(vm, blk, i);
  return self;
}

static VALUE int_upto(ARGS) {
  (void)argc;
  VALUE to = argv[0];
  if (NIL_P(blk)) return to_enum(vm, self, "upto", 1, argv);
  if (FIXNUM_P(self) && FIXNUM_P(to)) {
    intptr_t e = FIX2LONG(to);
    for (intptr_t i = FIX2LONG(self); i <= e; i++) kn_yield1(vm, blk, INT2FIX(i));
    return self;
  }
  for (VALUE i = self; !RTEST(kn_funcall(vm, i, vm->id_gt, 1, &to)); i = kn_int_plus(vm, i, INT2FIX(1)))
    kn_yield1(vm, blk, i);
  return self;
}

static VALUE int_downto(ARGS) {
  (void)argc;
  VALUE to = argv[0];
  if (NIL_P(blk)) return to_enum(vm, self, "downto", 1, argv);
  if (FIXNUM_P(self) && FIXNUM_P(to)) {
    intptr_t e = FIX2LONG(to);
    for (intptr_t i = FIX2LONG(self); i >= e; i--) kn_yield1(vm, blk, INT2FIX(i));
    return self;
  }
  for (VALUE i = self; !RTEST(kn_funcall(vm, i, vm->id_lt, 1, &to)); i = kn_int_minus(vm, i, INT2FIX(1)))
    kn_yield1(vm, blk, i);
  return self;
}

/* Float stepping as CRuby: n = floor((end-beg)/unit + err) with a relative error allowance,
 * the last value clamped to end. */
static void float_step(VM *vm, double beg, double end, double unit, bool infinite, VALUE blk) {
  if (infinite && !isinf(unit)) {
    for (double i = 0;; i++) kn_yield1(vm, blk, DBL(i * unit + beg));
  }
  double n = (end - beg) / unit;
  double err = (fabs(beg) + fabs(end) + fabs(end - beg)) / fabs(unit) * DBL_EPSILON;
  if (isinf(unit)) {
    if (unit > 0 ? beg <= end : beg >= end) kn_yield1(vm, blk, DBL(beg));
    return;
  }
  if (err > 0.5) err = 0.5;
  n = floor(n + err);
  for (double i = 0; i <= n; i++) {
    double d = i * unit + beg;
    if (unit >= 0 ? end < d : d < end) d = end;
    kn_yield1(vm, blk, DBL(d));
  }
}

static bool num_negative_v(VM *vm, VALUE v) {
  if (int_p(v)) return int_sign(v) < 0;
  if (kn_float_p(v)) return FV(v) < 0;
  return RTEST(kn_funcall(vm, v, vm->id_lt, 1, (VALUE[]){INT2FIX(0)}));
}

static VALUE num_step(ARGS) {
  VALUE to = Qnil, step = INT2FIX(1);
  int n = argc;
  VALUE kw = Qnil;
  if (n > 0 && kn_is_type(argv[n - 1], T_HASH)) { kw = argv[n - 1]; n--; }
  if (n > 2) kn_arity_error(vm, n, 0, 2);
  if (n > 0) to = argv[0];
  if (n > 1) step = argv[1];
  if (!NIL_P(kw)) {
    VALUE v;
    if (kn_hash_lookup(vm, kw, kn_sym(vm, "to"), &v)) {
      if (n > 0) kn_raise(vm, vm->eArgumentError, "to is given twice");
      to = v;
    }
    if (kn_hash_lookup(vm, kw, kn_sym(vm, "by"), &v)) {
      if (n > 1) kn_raise(vm, vm->eArgumentError, "step is given twice");
      step = v;
    }
  }
  if (NIL_P(blk)) return to_enum(vm, self, "step", argc, argv);
  if (NIL_P(step)) kn_raise(vm, vm->eTypeError, "no implicit conversion from nil to integer");
  if (int_p(step) ? int_sign(step) == 0 : kn_float_p(step) ? FV(step) == 0.0
                                        : RTEST(kn_funcall(vm, step, vm->id_eq, 1, (VALUE[]){INT2FIX(0)})))
    kn_raise(vm, vm->eArgumentError, "step can't be 0");
  if (kn_float_p(self) || kn_float_p(to) || kn_float_p(step)) {
    double unit = kn_num2dbl(vm, step);
    bool inf = NIL_P(to);
    double end = inf ? (unit < 0 ? -HUGE_VAL : HUGE_VAL) : kn_num2dbl(vm, to);
    float_step(vm, kn_num2dbl(vm, self), end, unit, inf, blk);
    return self;
  }
  if (FIXNUM_P(self) && FIXNUM_P(step) && (FIXNUM_P(to) || NIL_P(to))) {
    intptr_t i = FIX2LONG(self), s = FIX2LONG(step);
    if (NIL_P(to)) {
      for (;; ) {
        kn_yield1(vm, blk, INT2FIX(i));
        i += s;   /* |i|, |s| < 2**62: cannot overflow a word */
        if (!FIXABLE(i)) break;
      }
      /* left the Fixnum range: continue generically below */
      self = kn_int_new(vm, i);
    } else {
      intptr_t e = FIX2LONG(to);
      if (s > 0) for (; i <= e; i += s) kn_yield1(vm, blk, INT2FIX(i));
      else for (; i >= e; i += s) kn_yield1(vm, blk, INT2FIX(i));
      return self;
    }
  }
  bool neg = num_negative_v(vm, step);
  ID cmp = neg ? vm->id_lt : vm->id_gt;
  for (VALUE i = self; NIL_P(to) || !RTEST(kn_funcall(vm, i, cmp, 1, &to));
       i = kn_funcall(vm, i, vm->id_plus, 1, &step))
    kn_yield1(vm, blk, i);
  return self;
}

/* ---- Float --------------------------------------------------------------------------------- */

/* Shortest digits that read back as d (d finite, > 0): writes the digits (no dot) to buf and
 * returns the decimal exponent `decpt` such that d = 0.DIGITS * 10**decpt. */
static int shortest_digits(double d, char *buf, int *ndig) {
  char tmp[40];
  /* For normal doubles a <= 15-digit string that reads back is the 15-digit rounding with
   * trailing zeros dropped (binary spacing is finer than 15-digit decimal spacing), so only
   * 15, 16, 17 need trying; subnormals have fewer bits and are searched from 1. */
  for (int prec = d < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
    if (prec < 17 && strtod(tmp, NULL) != d) continue;
    /* tmp: D.DDDDe[+-]XX */
    char *e = strchr(tmp, 'e');
    int exp10 = atoi(e + 1);
    int n = 0;
    for (char *p = tmp; p < e; p++)
      if (*p != '.') buf[n++] = *p;
    while (n > 1 && buf[n - 1] == '0') n--;
    buf[n] = '\0';
    *ndig = n;
    return exp10 + 1;
  }
  return 0;   /* not reached: 17 digits always round-trip */
}

/* Formats d as CRuby's Float#to_s into out (at least 32 bytes); returns the length. */
static int format_float(double d, char *out) {
  if (isnan(d)) return (int)strlen(strcpy(out, "NaN"));
  if (isinf(d)) return (int)strlen(strcpy(out, d < 0 ? "-Infinity" : "Infinity"));
  if (d == 0.0) return (int)strlen(strcpy(out, signbit(d) ? "-0.0" : "0.0"));
  char dig[24];
  int nd;
  char *p = out;
  if (d < 0) { *p++ = '-'; d = -d; }
  int decpt = shortest_digits(d, dig, &nd);
  /* fixed notation up to 15 integer digits, or 16 when a fraction follows (CRuby) */
  if (decpt > 0 && (decpt <= DBL_DIG || (decpt == DBL_DIG + 1 && nd > decpt))) {   /* 123.45 */
    for (int i = 0; i < decpt; i++) *p++ = i < nd ? dig[i] : '0';
    *p++ = '.';
    if (nd > decpt) for (int i = decpt; i < nd; i++) *p++ = dig[i];
    else *p++ = '0';
  } else if (decpt <= 0 && decpt > -4) {              /* 0.00123 */
    *p++ = '0'; *p++ = '.';
    for (int i = 0; i < -decpt; i++) *p++ = '0';
    for (int i = 0; i < nd; i++) *p++ = dig[i];
  } else {                                            /* 1.2345e+20 */
    *p++ = dig[0];
    *p++ = '.';
    if (nd > 1) for (int i = 1; i < nd; i++) *p++ = dig[i];
    else *p++ = '0';
    p += sprintf(p, "e%c%02d", decpt - 1 < 0 ? '-' : '+', abs(decpt - 1));
  }
  *p = '\0';
  return (int)(p - out);
}

VALUE kn_float_to_s(VM *vm, double d) {
  char buf[48];
  int n = format_float(d, buf);
  return kn_str_new(vm, buf, n);
}

static VALUE flo_to_s(ARGS) { (void)argc; (void)argv; (void)blk; return kn_float_to_s(vm, FV(self)); }

#define FLO_ARITH(fname, OP, idf)                                              \
  static VALUE fname(ARGS) {                                                    \
    (void)argc; (void)blk;                                                      \
    VALUE b = argv[0];                                                          \
    if (kn_float_p(b)) return DBL(FV(self) OP FV(b));                           \
    if (FIXNUM_P(b)) return DBL(FV(self) OP (double)FIX2LONG(b));               \
    if (int_p(b)) return DBL(FV(self) OP kn_int_to_dbl(b));                     \
    return coerce_bin(vm, self, b, vm->idf);                                    \
  }
FLO_ARITH(flo_plus, +, id_plus)
FLO_ARITH(flo_minus, -, id_minus)
FLO_ARITH(flo_mult, *, id_mult)
FLO_ARITH(flo_div, /, id_div)

static VALUE flo_mod(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (num_p(b)) return DBL(flo_mod_d(vm, FV(self), num_dbl(b)));
  return coerce_bin(vm, self, b, vm->id_mod);
}

static VALUE flo_divmod(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (num_p(b)) return flo_divmod_pair(vm, FV(self), num_dbl(b));
  return coerce_bin(vm, self, b, kn_intern(vm, "divmod"));
}

static VALUE flo_pow(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (num_p(b)) return dbl_pow(vm, FV(self), num_dbl(b));
  return coerce_bin(vm, self, b, vm->id_pow);
}

static VALUE flo_fdiv(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (num_p(b)) return DBL(FV(self) / num_dbl(b));
  return coerce_bin(vm, self, b, kn_intern(vm, "fdiv"));
}

static VALUE flo_uminus(ARGS) { (void)argc; (void)argv; (void)blk; return DBL(-FV(self)); }
static VALUE flo_abs(ARGS) { (void)argc; (void)argv; (void)blk; return DBL(fabs(FV(self))); }

static int flo_cmp_int(double a, VALUE i) {   /* a <=> i; 2 for NaN */
  int c = kn_int_cmp_dbl(i, a);
  return c == 2 ? 2 : -c;
}

static VALUE flo_eq(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  if (kn_float_p(b)) return KN_BOOL(FV(self) == FV(b));
  if (int_p(b)) return KN_BOOL(flo_cmp_int(FV(self), b) == 0);
  return num_equal_rev(vm, self, b);
}

static VALUE flo_cmp(ARGS) {
  (void)argc; (void)blk;
  VALUE b = argv[0];
  double a = FV(self);
  if (kn_float_p(b)) {
    double y = FV(b);
    if (isnan(a) || isnan(y)) return Qnil;
    return INT2FIX(a < y ? -1 : a > y);
  }
  if (int_p(b)) {
    int c = flo_cmp_int(a, b);
    return c == 2 ? Qnil : INT2FIX(c);
  }
  if (isinf(a) && kn_respond_to(vm, b, kn_intern(vm, "infinite?"), false)) {
    VALUE i = kn_funcall(vm, b, kn_intern(vm, "infinite?"), 0, NULL);
    if (RTEST(i)) {
      int j = (int)kn_num2long(vm, i);
      if (a > 0) return INT2FIX(j > 0 ? 0 : 1);
      return INT2FIX(j > 0 ? -1 : 0);
    }
    return INT2FIX(a > 0 ? 1 : -1);
  }
  return coerce_cmp(vm, self, b, vm->id_cmp);
}

#define FLO_RELOP(fname, OP, idf)                                              \
  static VALUE fname(ARGS) {                                                    \
    (void)argc; (void)blk;                                                      \
    VALUE b = argv[0];                                                          \
    if (kn_float_p(b)) return KN_BOOL(FV(self) OP FV(b));                       \
    if (int_p(b)) {                                                             \
      int c = flo_cmp_int(FV(self), b);                                         \
      return KN_BOOL(c != 2 && c OP 0);                                         \
    }                                                                           \
    return coerce_relop(vm, self, b, vm->idf);                                  \
  }
FLO_RELOP(flo_lt, <, id_lt)
FLO_RELOP(flo_le, <=, id_le)
FLO_RELOP(flo_gt, >, id_gt)
FLO_RELOP(flo_ge, >=, id_ge)

static VALUE flo_eql(ARGS) {
  (void)vm; (void)argc; (void)blk;
  return KN_BOOL(kn_float_p(argv[0]) && FV(argv[0]) == FV(self));
}

static VALUE flo_hash(ARGS) {
  (void)vm; (void)argc; (void)argv; (void)blk;
  double d = FV(self);
  if (d == 0.0) d = 0.0;   /* -0.0.eql?(0.0) */
  uintptr_t bits;
  memcpy(&bits, &d, sizeof bits);
  return INT2FIX((intptr_t)(mix64(bits) >> 2));
}

static VALUE flo_coerce(ARGS) {   /* also Numeric#coerce */
  (void)argc; (void)blk;
  VALUE y = argv[0];
  if (kn_obj_class(vm, y) == kn_obj_class(vm, self)) return kn_ary_new_values(vm, 2, y, self);
  double dy = kn_to_dbl_conv(vm, y), dx = kn_to_dbl_conv(vm, self);
  return kn_ary_new_values(vm, 2, DBL(dy), DBL(dx));
}

static VALUE flo_to_i(ARGS) { (void)argc; (void)argv; (void)blk; return kn_dbl_to_int(vm, FV(self)); }
static VALUE flo_nan_p(ARGS) { (void)vm; (void)argc; (void)argv; (void)blk; return KN_BOOL(isnan(FV(self))); }
static VALUE flo_finite_p(ARGS) { (void)vm; (void)argc; (void)argv; (void)blk; return KN_BOOL(isfinite(FV(self))); }
static VALUE flo_infinite_p(ARGS) {
  (void)vm; (void)argc; (void)argv; (void)blk;
  double d = FV(self);
  return isinf(d) ? INT2FIX(d < 0 ? -1 : 1) : Qnil;
}
static VALUE flo_zero_p(ARGS) { (void)vm; (void)argc; (void)argv; (void)blk; return KN_BOOL(FV(self) == 0.0); }
static VALUE flo_positive_p(ARGS) { (void)vm; (void)argc; (void)argv; (void)blk; return KN_BOOL(FV(self) > 0.0); }
static VALUE flo_negative_p(ARGS) { (void)vm; (void)argc; (void)argv; (void)blk; return KN_BOOL(FV(self) < 0.0); }
static VALUE flo_next_float(ARGS) { (void)argc; (void)argv; (void)blk; return DBL(nextafter(FV(self), HUGE_VAL)); }
static VALUE flo_prev_float(ARGS) { (void)argc; (void)argv; (void)blk; return DBL(nextafter(FV(self), -HUGE_VAL)); }

/* Float rounding with digits, following CRuby's float_round_overflow/underflow rules: with
 * enough digits the number is returned unchanged, with too few it is 0. */
static bool float_round_overflow(long nd, int binexp) {
  return nd >= (DBL_DIG + 2) - (binexp > 0 ? binexp / 4 : binexp / 3 - 1);
}
static bool float_round_underflow(long nd, int binexp) {
  return nd < -(binexp > 0 ? binexp / 3 + 1 : binexp / 4);
}

/* Round x*s to an integer (as a double) in `mode`, treating x as the decimal it prints as:
 * a product that fell just below .5 through binary error still rounds up (2.675 -> 2.68). */
static double round_half_up(double x, double s) {
  double f = round(x * s);
  if (s == 1.0) return f;
  if (x > 0) { if ((f + 0.5) / s <= x) f += 1; }
  else { if ((f - 0.5) / s >= x) f -= 1; }
  return f;
}
static double round_half_down(double x, double s) {
  double f = round(x * s);
  if (x > 0) { if ((f - 0.5) / s >= x) f -= 1; }
  else { if ((f + 0.5) / s <= x) f += 1; }
  return f;
}
/* Half-even as CRuby 3.1: a scaled remainder of exactly .5, or one whose rounded-up decimal
 * reads back <= |x|, is a tie and goes to the even neighbour. Symmetric in the sign. */
static double round_half_even(double x, double s) {
  if (x == 0.0 || isnan(x)) return x;
  double ax = fabs(x), xs = ax * s, f = floor(xs), rem = xs - f, add;
  if (rem > 0.5) add = 1.0;
  else if (rem == 0.5 || (f + 0.5) / s <= ax) add = fmod(f, 2.0);
  else add = 0.0;
  return x > 0 ? f + add : -(f + add);
}
static double round_by_mode(double x, double s, RoundMode m) {
  return m == RM_EVEN ? round_half_even(x, s) : m == RM_DOWN ? round_half_down(x, s) : round_half_up(x, s);
}

/* x rounded to nd (> 14) decimals as CRuby does it: round the exact rational value of x,
 * then convert numerator/denominator like Rational#to_f (Integer#fdiv). */
static double round_exact(VM *vm, double x, long nd, RoundMode mode) {
  int e;
  double m = frexp(fabs(x), &e);
  mpz_t n, d, q, r;
  mpz_inits(n, d, q, r, NULL);
  mpz_set_d(n, ldexp(m, 53));   /* |x| = n * 2**(e-53) */
  e -= 53;
  mpz_ui_pow_ui(d, 10, (unsigned long)nd);
  mpz_mul(n, n, d);
  mpz_set_ui(r, 1);
  if (e >= 0) mpz_mul_2exp(n, n, (mp_bitcnt_t)e);
  else mpz_mul_2exp(r, r, (mp_bitcnt_t)-e);
  mpz_tdiv_qr(q, n, n, r);          /* q = floor(|x| * 10**nd), n = remainder, r = 2**-e */
  mpz_mul_2exp(n, n, 1);
  int c = mpz_cmp(n, r);
  if (c > 0 || (c == 0 && (mode == RM_UP || (mode == RM_EVEN && mpz_odd_p(q))))) mpz_add_ui(q, q, 1);
  if (x < 0) mpz_neg(q, q);
  VALUE num = kn_big_new_mpz(vm, q), den = kn_big_new_mpz(vm, d);
  mpz_clears(n, d, q, r, NULL);
  return kn_int_fdiv_dbl(num, den);
}

static VALUE flo_round(ARGS) {
  (void)blk;
  VALUE ndv, opts;
  round_args(vm, argc, argv, &ndv, &opts);
  long nd = ndv == Qundef ? 0 : num2int(vm, ndv);
  RoundMode mode = kn_round_mode(vm, opts);
  double x = FV(self);
  if (nd > 0) {
    if (x == 0.0 || !isfinite(x)) return self;
    int binexp;
    frexp(x, &binexp);
    if (float_round_overflow(nd, binexp)) return self;
    if (float_round_underflow(nd, binexp)) return DBL(0.0);
    if (nd > 14) return DBL(round_exact(vm, x, nd, mode));
    double s = pow(10, (double)nd);
    return DBL(round_by_mode(x, s, mode) / s);
  }
  if (x == 0.0) return INT2FIX(0);
  if (nd == 0) return kn_dbl_to_int(vm, round_by_mode(x, 1.0, mode));
  VALUE i = kn_dbl_to_int(vm, trunc(x));
  return int_round_digits(vm, i, nd, RK_ROUND, mode);
}

static VALUE flo_floor_ceil(VM *vm, VALUE self, int argc, VALUE *argv, bool ceil_p) {
  long nd = argc ? num2int(vm, argv[0]) : 0;
  double x = FV(self);
  if (nd > 0) {
    if (x == 0.0 || !isfinite(x)) return self;
    int binexp;
    frexp(x, &binexp);
    if (float_round_overflow(nd, binexp)) return self;
    if ((ceil_p ? x < 0.0 : x > 0.0) && float_round_underflow(nd, binexp)) return DBL(0.0);
    double s = pow(10, (double)nd), res;
    if (!ceil_p) {
      double mul = floor(x * s);
      res = (mul + 1) / s;
      if (res > x) res = mul / s;
    } else {
      res = ceil(x * s) / s;   /* CRuby corrects floor but not ceil */
    }
    return DBL(res);
  }
  VALUE i = kn_dbl_to_int(vm, ceil_p ? ceil(x) : floor(x));
  if (nd < 0) i = int_round_digits(vm, i, nd, ceil_p ? RK_CEIL : RK_FLOOR, RM_UP);
  return i;
}
static VALUE flo_floor(ARGS) { (void)blk; return flo_floor_ceil(vm, self, argc, argv, false); }
static VALUE flo_ceil(ARGS) { (void)blk; return flo_floor_ceil(vm, self, argc, argv, true); }
static VALUE flo_truncate(ARGS) {
  (void)blk;
  return flo_floor_ceil(vm, self, argc, argv, FV(self) < 0);
}

/* ---- Numeric (generic methods for user subclasses) ------------------------------------------ */

static VALUE num_coerce(ARGS) { return flo_coerce(vm, self, argc, argv, blk); }

static VALUE num_uplus(ARGS) { (void)vm; (void)argc; (void)argv; (void)blk; return self; }

static VALUE num_uminus(ARGS) {
  (void)argc; (void)argv; (void)blk;
  VALUE zero = INT2FIX(0), x = self;
  do_coerce(vm, &zero, &x, true);
  return kn_funcall(vm, zero, vm->id_minus, 1, &x);
}

static int num_cmp_zero(VM *vm, VALUE v) {
  VALUE z = INT2FIX(0);
  VALUE r = kn_funcall(vm, v, vm->id_cmp, 1, &z);
  return kn_cmpint(vm, r, v, z);
}

static VALUE num_positive_p(ARGS) { (void)argc; (void)argv; (void)blk; return KN_BOOL(num_cmp_zero(vm, self) > 0); }
static VALUE num_negative_p(ARGS) { (void)argc; (void)argv; (void)blk; return KN_BOOL(num_cmp_zero(vm, self) < 0); }
static VALUE num_zero_p(ARGS) {
  (void)argc; (void)argv; (void)blk;
  return KN_BOOL(kn_equal(vm, self, INT2FIX(0)));
}
static VALUE num_nonzero_p(ARGS) {
  (void)argc; (void)argv; (void)blk;
  return RTEST(kn_funcall(vm, self, kn_intern(vm, "zero?"), 0, NULL)) ? Qnil : self;
}
static VALUE num_abs(ARGS) {
  (void)argc; (void)argv; (void)blk;
  if (num_negative_v(vm, self)) return kn_funcall(vm, self, vm->id_uminus, 0, NULL);
  return self;
}
static VALUE num_cmp(ARGS) {
  (void)argc; (void)blk;
  return self == argv[0] || kn_equal(vm, self, argv[0]) ? INT2FIX(0) : Qnil;
}
static VALUE num_eql(ARGS) {
  (void)argc; (void)blk;
  if (kn_obj_class(vm, self) != kn_obj_class(vm, argv[0])) return Qfalse;
  return KN_BOOL(kn_equal(vm, self, argv[0]));
}
static VALUE num_div(ARGS) {   /* Numeric#div: (self / other).floor */
  (void)argc; (void)blk;
  if (kn_equal(vm, argv[0], INT2FIX(0))) zerodiv(vm);
  VALUE q = kn_funcall(vm, self, vm->id_div, 1, argv);
  return kn_funcall(vm, q, kn_intern(vm, "floor"), 0, NULL);
}
static VALUE num_modulo(ARGS) {   /* self - other * self.div(other) */
  (void)argc; (void)blk;
  VALUE q = kn_funcall(vm, self, kn_intern(vm, "div"), 1, argv);
  VALUE p = kn_funcall(vm, argv[0], vm->id_mult, 1, &q);
  return kn_funcall(vm, self, vm->id_minus, 1, &p);
}
static VALUE num_divmod(ARGS) {
  (void)argc; (void)blk;
  VALUE q = kn_funcall(vm, self, kn_intern(vm, "div"), 1, argv);
  VALUE m = kn_funcall(vm, self, vm->id_mod, 1, argv);
  return kn_ary_new_values(vm, 2, q, m);
}
static VALUE num_remainder(ARGS) {   /* also Float#remainder */
  (void)argc; (void)blk;
  VALUE x = self, y = argv[0];
  if (!num_p(y) && !kn_obj_is_kind_of(vm, y, vm->cNumeric)) do_coerce(vm, &x, &y, true);
  VALUE z = kn_funcall(vm, x, vm->id_mod, 1, &y);
  if (!kn_equal(vm, z, INT2FIX(0))) {
    bool xn = num_negative_v(vm, x), yn = num_negative_v(vm, y);
    bool xp = !xn && !kn_equal(vm, x, INT2FIX(0)), yp = !yn && !kn_equal(vm, y, INT2FIX(0));
    if ((xn && yp) || (xp && yn)) {
      if (kn_float_p(y) && isinf(FV(y))) return x;
      return kn_funcall(vm, z, vm->id_minus, 1, &y);
    }
  }
  return z;
}
static VALUE num_fdiv(ARGS) {
  (void)argc; (void)blk;
  VALUE f = kn_funcall(vm, self, vm->id_to_f, 0, NULL);
  return kn_funcall(vm, f, vm->id_div, 1, argv);
}
static VALUE num_zero_v(ARGS) { (void)vm; (void)self; (void)argc; (void)argv; (void)blk; return INT2FIX(0); }
static VALUE int_one(ARGS) { (void)vm; (void)self; (void)argc; (void)argv; (void)blk; return INT2FIX(1); }

static VALUE num_to_int(ARGS) { (void)argc; (void)argv; (void)blk; return kn_funcall(vm, self, vm->id_to_i, 0, NULL); }
static VALUE num_abs2(ARGS) { (void)argc; (void)argv; (void)blk; return kn_funcall(vm, self, vm->id_mult, 1, &self); }
static VALUE num_via_float(VM *vm, VALUE self, int argc, VALUE *argv, const char *m) {
  VALUE f = kn_funcall(vm, self, vm->id_to_f, 0, NULL);
  return kn_funcall(vm, f, kn_intern(vm, m), argc, argv);
}
static VALUE num_floor(ARGS) { (void)blk; return num_via_float(vm, self, argc, argv, "floor"); }
static VALUE num_ceil(ARGS) { (void)blk; return num_via_float(vm, self, argc, argv, "ceil"); }
static VALUE num_round(ARGS) { (void)blk; return num_via_float(vm, self, argc, argv, "round"); }
static VALUE num_truncate(ARGS) { (void)blk; return num_via_float(vm, self, argc, argv, "truncate"); }

/* ---- strings -> Float ---------------------------------------------------------------------- */

static bool is_sp(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static bool is_dig(char c) { return c >= '0' && c <= '9'; }

/* Copy a run of digits with single underscores between digits; returns chars consumed. */
static long scan_digits(const char *p, const char *e, char *out, long *no) {
  const char *s = p;
  while (p < e) {
    if (is_dig(*p)) { out[(*no)++] = *p++; continue; }
    if (*p == '_' && p > s && is_dig(p[-1]) && p + 1 < e && is_dig(p[1])) { p++; continue; }
    break;
  }
  return (long)(p - s);
}

VALUE kn_str_to_dbl(VM *vm, const char *s, long len, bool strict) {
  const char *p = s, *e = s + len;
  while (p < e && is_sp(*p)) p++;
  char sbuf[128];
  char *buf = len + 8 <= (long)sizeof sbuf ? sbuf : kn_xmalloc((size_t)len + 8);
  long n = 0;
  VALUE result = Qnil;
  const char *q = p;
  if (q < e && (*q == '+' || *q == '-')) buf[n++] = *q++;
  if (e - q >= 2 && q[0] == '0' && (q[1] | 0x20) == 'x' && (strict || q != p)) {
    /* hex float: Float() takes it whole; String#to_f only after a sign ("-0x1A".to_f is
     * -26.0 in CRuby while "0x1A".to_f is 0.0). No underscores allowed. */
    long m = (long)(e - p);
    memcpy(buf, p, (size_t)m);
    buf[m] = '\0';
    char *end;
    double d = strtod(buf, &end);
    if (!strict) { result = DBL(end == buf ? 0.0 : d); goto done; }
    while (*end && is_sp(*end)) end++;
    if (end == buf + m && memchr(buf, '_', (size_t)m) == NULL) result = DBL(d);
    goto done;
  }
  long ni = scan_digits(q, e, buf, &n);
  q += ni;
  long nf = 0;
  if (q + 1 < e && *q == '.' && is_dig(q[1])) {
    buf[n++] = '.';
    nf = scan_digits(q + 1, e, buf, &n);
    q += 1 + nf;
  }
  if (ni == 0 && nf == 0) {
    result = strict ? Qnil : DBL(0.0);
    goto done;
  }
  if (q < e && (*q == 'e' || *q == 'E')) {
    const char *r = q + 1;
    long save = n;
    buf[n++] = 'e';
    if (r < e && (*r == '+' || *r == '-')) buf[n++] = *r++;
    long ne = scan_digits(r, e, buf, &n);
    if (ne > 0) q = r + ne;
    else n = save;
  }
  buf[n] = '\0';
  if (strict) {
    while (q < e && is_sp(*q)) q++;
    if (q != e) goto done;
  }
  result = DBL(strtod(buf, NULL));
done:
  if (buf != sbuf) free(buf);
  return result;
}

/* ---- registration ------------------------------------------------------------------------- */

void kn_init_numeric(VM *vm) {
  VALUE N = vm->cNumeric, I = vm->cInteger, F = vm->cFloat;

  kn_undef_method(vm, kn_singleton_class(vm, I), kn_intern(vm, "new"));
  kn_undef_method(vm, kn_singleton_class(vm, F), kn_intern(vm, "new"));

  /* Numeric */
  kn_define_method(vm, N, "coerce", num_coerce, 1, 1);
  kn_define_method(vm, N, "+@", num_uplus, 0, 0);
  kn_define_method(vm, N, "-@", num_uminus, 0, 0);
  kn_define_method(vm, N, "<=>", num_cmp, 1, 1);
  kn_define_method(vm, N, "eql?", num_eql, 1, 1);
  kn_define_method(vm, N, "integer?", ret_false, 0, 0);
  kn_define_method(vm, N, "real?", ret_true, 0, 0);
  kn_define_method(vm, N, "finite?", ret_true, 0, 0);
  kn_define_method(vm, N, "infinite?", ret_nil, 0, 0);
  kn_define_method(vm, N, "zero?", num_zero_p, 0, 0);
  kn_define_method(vm, N, "nonzero?", num_nonzero_p, 0, 0);
  kn_define_method(vm, N, "positive?", num_positive_p, 0, 0);
  kn_define_method(vm, N, "negative?", num_negative_p, 0, 0);
  kn_define_method(vm, N, "abs", num_abs, 0, 0);
  kn_define_method(vm, N, "magnitude", num_abs, 0, 0);
  kn_define_method(vm, N, "abs2", num_abs2, 0, 0);
  kn_define_method(vm, N, "div", num_div, 1, 1);
  kn_define_method(vm, N, "divmod", num_divmod, 1, 1);
  kn_define_method(vm, N, "modulo", num_modulo, 1, 1);
  kn_define_method(vm, N, "%", num_modulo, 1, 1);
  kn_define_method(vm, N, "remainder", num_remainder, 1, 1);
  kn_define_method(vm, N, "fdiv", num_fdiv, 1, 1);
  kn_define_method(vm, N, "to_int", num_to_int, 0, 0);
  kn_define_method(vm, N, "floor", num_floor, 0, 1);
  kn_define_method(vm, N, "ceil", num_ceil, 0, 1);
  kn_define_method(vm, N, "round", num_round, 0, 2);
  kn_define_method(vm, N, "truncate", num_truncate, 0, 1);
  kn_define_method(vm, N, "step", num_step, 0, 3);
  kn_define_method(vm, N, "real", ret_self, 0, 0);
  kn_define_method(vm, N, "imaginary", num_zero_v, 0, 0);
  kn_define_method(vm, N, "imag", num_zero_v, 0, 0);
  kn_define_method(vm, N, "conj", ret_self, 0, 0);
  kn_define_method(vm, N, "conjugate", ret_self, 0, 0);
  kn_define_method(vm, N, "dup", ret_self, 0, 0);
  kn_define_method(vm, N, "clone", ret_self, 0, 1);

  /* Integer */
  kn_define_singleton_method(vm, I, "sqrt", int_s_sqrt, 1, 1);
  kn_define_singleton_method(vm, I, "try_convert", int_s_try_convert, 1, 1);
  kn_define_method(vm, I, "+", int_plus_m, 1, 1);
  kn_define_method(vm, I, "-", int_minus_m, 1, 1);
  kn_define_method(vm, I, "*", int_mult_m, 1, 1);
  kn_define_method(vm, I, "/", int_div_m, 1, 1);
  kn_define_method(vm, I, "%", int_mod_m, 1, 1);
  kn_define_method(vm, I, "modulo", int_mod_m, 1, 1);
  kn_define_method(vm, I, "**", int_pow_m, 1, 1);
  kn_define_method(vm, I, "pow", int_pow_mod, 1, 2);
  kn_define_method(vm, I, "-@", int_uminus, 0, 0);
  kn_define_method(vm, I, "~", int_com, 0, 0);
  kn_define_method(vm, I, "&", int_and, 1, 1);
  kn_define_method(vm, I, "|", int_or, 1, 1);
  kn_define_method(vm, I, "^", int_xor, 1, 1);
  kn_define_method(vm, I, "<<", int_lshift, 1, 1);
  kn_define_method(vm, I, ">>", int_rshift, 1, 1);
  kn_define_method(vm, I, "[]", int_aref, 1, 2);
  kn_define_method(vm, I, "==", int_eq, 1, 1);
  kn_define_method(vm, I, "===", int_eq, 1, 1);
  kn_define_method(vm, I, "<=>", int_cmp_m, 1, 1);
  kn_define_method(vm, I, "<", int_lt, 1, 1);
  kn_define_method(vm, I, "<=", int_le, 1, 1);
  kn_define_method(vm, I, ">", int_gt, 1, 1);
  kn_define_method(vm, I, ">=", int_ge, 1, 1);
  kn_define_method(vm, I, "eql?", int_eql, 1, 1);
  kn_define_method(vm, I, "hash", int_hash, 0, 0);
  kn_define_method(vm, I, "divmod", int_divmod, 1, 1);
  kn_define_method(vm, I, "div", int_idiv_m, 1, 1);
  kn_define_method(vm, I, "remainder", int_remainder, 1, 1);
  kn_define_method(vm, I, "fdiv", int_fdiv, 1, 1);
  kn_define_method(vm, I, "abs", int_abs, 0, 0);
  kn_define_method(vm, I, "magnitude", int_abs, 0, 0);
  kn_define_method(vm, I, "gcd", int_gcd, 1, 1);
  kn_define_method(vm, I, "lcm", int_lcm, 1, 1);
  kn_define_method(vm, I, "gcdlcm", int_gcdlcm, 1, 1);
  kn_define_method(vm, I, "bit_length", int_bit_length, 0, 0);
  kn_define_method(vm, I, "digits", int_digits, 0, 1);
  kn_define_method(vm, I, "succ", int_succ, 0, 0);
  kn_define_method(vm, I, "next", int_succ, 0, 0);
  kn_define_method(vm, I, "pred", int_pred, 0, 0);
  kn_define_method(vm, I, "chr", int_chr, 0, 1);
  kn_define_method(vm, I, "ord", ret_self, 0, 0);
  kn_define_method(vm, I, "times", int_times, 0, 0);
  kn_define_method(vm, I, "upto", int_upto, 1, 1);
  kn_define_method(vm, I, "downto", int_downto, 1, 1);
  kn_define_method(vm, I, "to_s", int_to_s_m, 0, 1);
  kn_define_method(vm, I, "inspect", int_to_s_m, 0, 1);
  kn_define_method(vm, I, "to_i", ret_self, 0, 0);
  kn_define_method(vm, I, "to_int", ret_self, 0, 0);
  kn_define_method(vm, I, "to_f", int_to_f, 0, 0);
  kn_define_method(vm, I, "floor", int_floor, 0, 1);
  kn_define_method(vm, I, "ceil", int_ceil, 0, 1);
  kn_define_method(vm, I, "round", int_round, 0, 2);
  kn_define_method(vm, I, "truncate", int_truncate, 0, 1);
  kn_define_method(vm, I, "zero?", int_zero_p, 0, 0);
  kn_define_method(vm, I, "positive?", int_positive_p, 0, 0);
  kn_define_method(vm, I, "negative?", int_negative_p, 0, 0);
  kn_define_method(vm, I, "even?", int_even_p, 0, 0);
  kn_define_method(vm, I, "odd?", int_odd_p, 0, 0);
  kn_define_method(vm, I, "integer?", ret_true, 0, 0);
  kn_define_method(vm, I, "finite?", ret_true, 0, 0);
  kn_define_method(vm, I, "infinite?", ret_nil, 0, 0);
  kn_define_method(vm, I, "size", int_size, 0, 0);
  kn_define_method(vm, I, "coerce", int_coerce, 1, 1);
  kn_define_method(vm, I, "allbits?", int_allbits, 1, 1);
  kn_define_method(vm, I, "anybits?", int_anybits, 1, 1);
  kn_define_method(vm, I, "nobits?", int_nobits, 1, 1);
  kn_define_method(vm, I, "numerator", ret_self, 0, 0);
  kn_define_method(vm, I, "denominator", int_one, 0, 0);

  /* Float */
  kn_define_const(vm, F, "INFINITY", DBL(HUGE_VAL));
  kn_define_const(vm, F, "NAN", DBL(nan("")));
  kn_define_const(vm, F, "EPSILON", DBL(DBL_EPSILON));
  kn_define_const(vm, F, "MAX", DBL(DBL_MAX));
  kn_define_const(vm, F, "MIN", DBL(DBL_MIN));
  kn_define_const(vm, F, "DIG", INT2FIX(DBL_DIG));
  kn_define_const(vm, F, "MANT_DIG", INT2FIX(DBL_MANT_DIG));
  kn_define_const(vm, F, "MAX_EXP", INT2FIX(DBL_MAX_EXP));
  kn_define_const(vm, F, "MIN_EXP", INT2FIX(DBL_MIN_EXP));
  kn_define_const(vm, F, "MAX_10_EXP", INT2FIX(DBL_MAX_10_EXP));
  kn_define_const(vm, F, "MIN_10_EXP", INT2FIX(DBL_MIN_10_EXP));
  kn_define_const(vm, F, "RADIX", INT2FIX(FLT_RADIX));
  kn_define_method(vm, F, "+", flo_plus, 1, 1);
  kn_define_method(vm, F, "-", flo_minus, 1, 1);
  kn_define_method(vm, F, "*", flo_mult, 1, 1);
  kn_define_method(vm, F, "/", flo_div, 1, 1);
  kn_define_method(vm, F, "%", flo_mod, 1, 1);
  kn_define_method(vm, F, "modulo", flo_mod, 1, 1);
  kn_define_method(vm, F, "**", flo_pow, 1, 1);
  kn_define_method(vm, F, "pow", flo_pow, 1, 1);
  kn_define_method(vm, F, "divmod", flo_divmod, 1, 1);
  kn_define_method(vm, F, "fdiv", flo_fdiv, 1, 1);
  kn_define_method(vm, F, "quo", flo_fdiv, 1, 1);
  kn_define_method(vm, F, "-@", flo_uminus, 0, 0);
  kn_define_method(vm, F, "abs", flo_abs, 0, 0);
  kn_define_method(vm, F, "magnitude", flo_abs, 0, 0);
  kn_define_method(vm, F, "==", flo_eq, 1, 1);
  kn_define_method(vm, F, "===", flo_eq, 1, 1);
  kn_define_method(vm, F, "<=>", flo_cmp, 1, 1);
  kn_define_method(vm, F, "<", flo_lt, 1, 1);
  kn_define_method(vm, F, "<=", flo_le, 1, 1);
  kn_define_method(vm, F, ">", flo_gt, 1, 1);
  kn_define_method(vm, F, ">=", flo_ge, 1, 1);
  kn_define_method(vm, F, "eql?", flo_eql, 1, 1);
  kn_define_method(vm, F, "hash", flo_hash, 0, 0);
  kn_define_method(vm, F, "coerce", flo_coerce, 1, 1);
  kn_define_method(vm, F, "to_s", flo_to_s, 0, 0);
  kn_define_method(vm, F, "inspect", flo_to_s, 0, 0);
  kn_define_method(vm, F, "to_f", ret_self, 0, 0);
  kn_define_method(vm, F, "to_i", flo_to_i, 0, 0);
  kn_define_method(vm, F, "to_int", flo_to_i, 0, 0);
  kn_define_method(vm, F, "floor", flo_floor, 0, 1);
  kn_define_method(vm, F, "ceil", flo_ceil, 0, 1);
  kn_define_method(vm, F, "round", flo_round, 0, 2);
  kn_define_method(vm, F, "truncate", flo_truncate, 0, 1);
  kn_define_method(vm, F, "nan?", flo_nan_p, 0, 0);
  kn_define_method(vm, F, "finite?", flo_finite_p, 0, 0);
  kn_define_method(vm, F, "infinite?", flo_infinite_p, 0, 0);
  kn_define_method(vm, F, "zero?", flo_zero_p, 0, 0);
  kn_define_method(vm, F, "positive?", flo_positive_p, 0, 0);
  kn_define_method(vm, F, "negative?", flo_negative_p, 0, 0);
  kn_define_method(vm, F, "next_float", flo_next_float, 0, 0);
  kn_define_method(vm, F, "prev_float", flo_prev_float, 0, 0);
}
