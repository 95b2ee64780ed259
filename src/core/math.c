/* math.c -- the Math module: CRuby's module functions over libm, with Math::DomainError for
 * arguments outside a function's domain, implicit Float conversion (Numerics only), and
 * logarithms of Integers too large for a double. Constants PI and E. */
#include <float.h>
#include <math.h>
#include "numeric.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED_ARGS (void)self; (void)argc; (void)blk

/* rb_to_float: Integer/Float, or a Numeric's to_f; anything else is a TypeError. */
static double to_dbl(VM *vm, VALUE v) {
  if (kn_float_p(v)) return kn_float_value(v);
  if (kn_integer_p(v)) return kn_int_to_dbl(v);
  if (kn_is_type(v, T_RATIONAL)) return kn_rational_to_dbl(v);
  const char *what;
  if (NIL_P(v)) what = "nil";
  else if (v == Qtrue) what = "true";
  else if (v == Qfalse) what = "false";
  else {
    if (kn_obj_is_kind_of(vm, v, vm->cNumeric)) {
      VALUE f = kn_funcall(vm, v, vm->id_to_f, 0, NULL);
      if (kn_float_p(f)) return kn_float_value(f);
      VALUE vc = kn_class_name_of(vm, v), fc = kn_class_name_of(vm, f);
      kn_raise(vm, vm->eTypeError, "can't convert %V to Float (%V#to_f gives %V)", vc, vc, fc);
    }
    kn_raise(vm, vm->eTypeError, "can't convert %V into Float", kn_class_name_of(vm, v));
  }
  kn_raise(vm, vm->eTypeError, "can't convert %s into Float", what);
}

static _Noreturn void domain_error(VM *vm, const char *name) {
  kn_raise(vm, vm->eMathDomainError, "Numerical argument is out of domain - %s", name);
}

#define F(v) kn_float_new(vm, (v))

/* one-argument functions with an optional [lo, hi] domain check */
#define MATH1(cname, expr)                                  \
  static VALUE cname(ARGS) {                                \
    UNUSED_ARGS;                                            \
    double x = to_dbl(vm, argv[0]);                         \
    return F(expr);                                         \
  }
MATH1(m_sin, sin(x))
MATH1(m_cos, cos(x))
MATH1(m_tan, tan(x))
MATH1(m_atan, atan(x))
MATH1(m_sinh, sinh(x))
MATH1(m_cosh, cosh(x))
MATH1(m_tanh, tanh(x))
MATH1(m_asinh, asinh(x))
MATH1(m_exp, exp(x))
MATH1(m_erf, erf(x))
MATH1(m_erfc, erfc(x))

static VALUE m_asin(ARGS) {
  UNUSED_ARGS;
  double x = to_dbl(vm, argv[0]);
  if (x < -1.0 || x > 1.0) domain_error(vm, "asin");
  return F(asin(x));
}
static VALUE m_acos(ARGS) {
  UNUSED_ARGS;
  double x = to_dbl(vm, argv[0]);
  if (x < -1.0 || x > 1.0) domain_error(vm, "acos");
  return F(acos(x));
}
static VALUE m_acosh(ARGS) {
  UNUSED_ARGS;
  double x = to_dbl(vm, argv[0]);
  if (x < 1.0) domain_error(vm, "acosh");
  return F(acosh(x));
}
static VALUE m_atanh(ARGS) {
  UNUSED_ARGS;
  double x = to_dbl(vm, argv[0]);
  if (x < -1.0 || x > 1.0) domain_error(vm, "atanh");
  if (x == 1.0) return F(HUGE_VAL);
  if (x == -1.0) return F(-HUGE_VAL);
  return F(atanh(x));
}
static VALUE m_atan2(ARGS) {
  UNUSED_ARGS;
  double y = to_dbl(vm, argv[0]), x = to_dbl(vm, argv[1]);
  return F(atan2(y, x));
}
static VALUE m_hypot(ARGS) {
  UNUSED_ARGS;
  return F(hypot(to_dbl(vm, argv[0]), to_dbl(vm, argv[1])));
}

static VALUE m_sqrt(ARGS) {
  UNUSED_ARGS;
  if (kn_is_type(argv[0], T_COMPLEX)) return kn_complex_sqrt(vm, argv[0]);   /* as CRuby 3.1 */
  double x = to_dbl(vm, argv[0]);
  if (x < 0.0) domain_error(vm, "sqrt");
  if (x == 0.0) return F(0.0);
  return F(sqrt(x));
}

static VALUE m_cbrt(ARGS) {
  UNUSED_ARGS;
  double x = to_dbl(vm, argv[0]);
  double r = cbrt(x);
  /* one Newton step: glibc's cbrt can be 1ulp off (Math.cbrt(27) must be 3.0) */
  if (isfinite(r) && !(x == 0.0 && r == 0.0)) r = (2.0 * r + (x / r / r)) / 3.0;
  return F(r);
}

/* A log argument as d * 2**e, as CRuby does it: an Integer of 1024 bits or more is shifted
 * right to its top 53 bits (truncating), so huge Integers have logarithms. Raises
 * DomainError for negatives. */
static void log_arg(VM *vm, VALUE v, const char *name, double *m, long *e) {
  *e = 0;
  if (kn_is_type(v, T_BIGNUM) && mpz_sgn(RBIGNUM(v)->mp) > 0) {
    size_t bits = mpz_sizeinbase(RBIGNUM(v)->mp, 2);
    if (bits >= DBL_MAX_EXP) {
      mpz_t t;
      mpz_init(t);
      mpz_tdiv_q_2exp(t, RBIGNUM(v)->mp, bits - DBL_MANT_DIG);
      *m = mpz_get_d(t);
      mpz_clear(t);
      *e = (long)(bits - DBL_MANT_DIG);
      return;
    }
  }
  *m = to_dbl(vm, v);
  if (*m < 0.0) domain_error(vm, name);
}

static double log_of(VM *vm, VALUE v, const char *name) {
  double m;
  long e;
  log_arg(vm, v, name, &m, &e);
  if (m == 0.0) return -HUGE_VAL;
  return e ? log(m) + (double)e * M_LN2 : log(m);
}

static VALUE m_log(ARGS) {
  UNUSED_ARGS;
  double d = log_of(vm, argv[0], "log");
  if (argc == 2) d /= log_of(vm, argv[1], "log");
  return F(d);
}
static VALUE m_log2(ARGS) {
  UNUSED_ARGS;
  double m;
  long e;
  log_arg(vm, argv[0], "log2", &m, &e);
  if (m == 0.0) return F(-HUGE_VAL);
  return F(log2(m) + (double)e);
}
static VALUE m_log10(ARGS) {
  UNUSED_ARGS;
  double m;
  long e;
  log_arg(vm, argv[0], "log10", &m, &e);
  if (m == 0.0) return F(-HUGE_VAL);
  return F(e ? log10(m) + (double)e * log10(2.0) : log10(m));
}

static VALUE m_frexp(ARGS) {
  UNUSED_ARGS;
  int e;
  double m = frexp(to_dbl(vm, argv[0]), &e);
  return kn_ary_new_values(vm, 2, F(m), INT2FIX(e));
}
static VALUE m_ldexp(ARGS) {
  UNUSED_ARGS;
  double m = to_dbl(vm, argv[0]);
  long e = (long)kn_num2long(vm, argv[1]);
  if (e > INT32_MAX || e < INT32_MIN)
    kn_raise(vm, vm->eRangeError, "integer %ld too %s to convert to `int'", e, e < 0 ? "small" : "big");
  return F(ldexp(m, (int)e));
}

static VALUE m_gamma(ARGS) {
  UNUSED_ARGS;
  double x = to_dbl(vm, argv[0]);
  if (isinf(x) && x < 0) domain_error(vm, "gamma");
  if (x == 0.0) return F(signbit(x) ? -HUGE_VAL : HUGE_VAL);
  if (x == floor(x)) {
    if (x < 0) domain_error(vm, "gamma");
    if (x <= 23) {   /* exact factorial, correctly rounded */
      mpz_t f;
      mpz_init(f);
      mpz_fac_ui(f, (unsigned long)x - 1);
      double r = kn_big_to_dbl(f);
      mpz_clear(f);
      return F(r);
    }
  }
  return F(tgamma(x));
}

static VALUE m_lgamma(ARGS) {
  UNUSED_ARGS;
  double x = to_dbl(vm, argv[0]);
  if (isinf(x) && x < 0) domain_error(vm, "lgamma");
  if (x == 0.0) return kn_ary_new_values(vm, 2, F(HUGE_VAL), INT2FIX(signbit(x) ? -1 : 1));
  int sign = 1;
  double r = lgamma_r(x, &sign);
  return kn_ary_new_values(vm, 2, F(r), INT2FIX(sign < 0 ? -1 : 1));
}

void kn_init_math(VM *vm) {
  VALUE M = vm->cMath;
  kn_define_const(vm, M, "PI", F(M_PI));
  kn_define_const(vm, M, "E", F(M_E));
  static const struct { const char *name; CFunc fn; int n; } fns[] = {
    {"sin", m_sin, 1}, {"cos", m_cos, 1}, {"tan", m_tan, 1}, {"asin", m_asin, 1},
    {"acos", m_acos, 1}, {"atan", m_atan, 1}, {"atan2", m_atan2, 2}, {"sinh", m_sinh, 1},
    {"cosh", m_cosh, 1}, {"tanh", m_tanh, 1}, {"asinh", m_asinh, 1}, {"acosh", m_acosh, 1},
    {"atanh", m_atanh, 1}, {"exp", m_exp, 1}, {"log2", m_log2, 1}, {"log10", m_log10, 1},
    {"sqrt", m_sqrt, 1}, {"cbrt", m_cbrt, 1}, {"hypot", m_hypot, 2}, {"erf", m_erf, 1},
    {"erfc", m_erfc, 1}, {"gamma", m_gamma, 1}, {"lgamma", m_lgamma, 1},
    {"frexp", m_frexp, 1}, {"ldexp", m_ldexp, 2},
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
    kn_define_module_function(vm, M, fns[i].name, fns[i].fn, fns[i].n, fns[i].n);
  kn_define_module_function(vm, M, "log", m_log, 1, 2);
}
