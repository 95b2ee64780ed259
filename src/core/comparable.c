/* comparable.c -- the Comparable module (==, <, <=, >, >=, between?, clamp), all built on
 * the receiver's <=>, plus kn_cmperr / kn_cmpint (numeric.h), the comparison-failure error
 * and <=>-result decoding shared with the numeric classes. */
#include "numeric.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk

_Noreturn void kn_cmperr(VM *vm, VALUE x, VALUE y) {
  VALUE d = (SPECIAL_CONST_P(y) || kn_float_p(y)) ? kn_inspect(vm, y)
                                                  : kn_class_name(vm, kn_obj_class(vm, y));
  VALUE xc = kn_class_name_of(vm, x);
  kn_raise(vm, vm->eArgumentError, "comparison of %V with %V failed", xc, d);
}

int kn_cmpint(VM *vm, VALUE r, VALUE a, VALUE b) {
  if (NIL_P(r)) kn_cmperr(vm, a, b);
  if (FIXNUM_P(r)) { intptr_t n = FIX2LONG(r); return (n > 0) - (n < 0); }
  if (kn_is_type(r, T_BIGNUM)) return mpz_sgn(RBIGNUM(r)->mp);
  if (kn_float_p(r)) { double d = kn_float_value(r); return (d > 0) - (d < 0); }
  VALUE z = INT2FIX(0);
  if (RTEST(kn_funcall(vm, r, vm->id_gt, 1, &z))) return 1;
  if (RTEST(kn_funcall(vm, r, vm->id_lt, 1, &z))) return -1;
  return 0;
}

/* self <=> other as -1/0/1; ArgumentError when incomparable. */
static int cmp(VM *vm, VALUE a, VALUE b) {
  return kn_cmpint(vm, kn_funcall(vm, a, vm->id_cmp, 1, &b), a, b);
}

static VALUE cmp_eq(ARGS) {
  (void)argc; (void)blk;
  VALUE o = argv[0];
  if (self == o) return Qtrue;
  VALUE r = kn_funcall(vm, self, vm->id_cmp, 1, &o);
  if (NIL_P(r)) return Qfalse;
  return KN_BOOL(kn_cmpint(vm, r, self, o) == 0);
}
static VALUE cmp_gt(ARGS) { (void)argc; (void)blk; return KN_BOOL(cmp(vm, self, argv[0]) > 0); }
static VALUE cmp_ge(ARGS) { (void)argc; (void)blk; return KN_BOOL(cmp(vm, self, argv[0]) >= 0); }
static VALUE cmp_lt(ARGS) { (void)argc; (void)blk; return KN_BOOL(cmp(vm, self, argv[0]) < 0); }
static VALUE cmp_le(ARGS) { (void)argc; (void)blk; return KN_BOOL(cmp(vm, self, argv[0]) <= 0); }

static VALUE cmp_between(ARGS) {
  (void)argc; (void)blk;
  if (cmp(vm, self, argv[0]) < 0) return Qfalse;
  if (cmp(vm, self, argv[1]) > 0) return Qfalse;
  return Qtrue;
}

/* clamp(min, max) or clamp(range); nil bounds are open. */
static VALUE cmp_clamp(ARGS) {
  (void)blk;
  VALUE min, max;
  if (argc == 1) {
    VALUE r = argv[0];
    if (!kn_is_type(r, T_RANGE))
      kn_raise(vm, vm->eTypeError, "wrong argument type %V (expected Range)", kn_class_name_of(vm, r));
    min = RRANGE(r)->beg;
    max = RRANGE(r)->end;
    if ((RBASIC(r)->flags & FL_EXCL) && !NIL_P(max))
      kn_raise(vm, vm->eArgumentError, "cannot clamp with an exclusive range");
  } else {
    min = argv[0];
    max = argv[1];
  }
  if (!NIL_P(min) && !NIL_P(max) && cmp(vm, min, max) > 0)
    kn_raise(vm, vm->eArgumentError, "min argument must be smaller than max argument");
  if (!NIL_P(min)) {
    int c = cmp(vm, self, min);
    if (c == 0) return self;
    if (c < 0) return min;
  }
  if (!NIL_P(max) && cmp(vm, self, max) > 0) return max;
  return self;
}

void kn_init_comparable(VM *vm) {
  VALUE C = vm->cComparable;
  kn_define_method(vm, C, "==", cmp_eq, 1, 1);
  kn_define_method(vm, C, ">", cmp_gt, 1, 1);
  kn_define_method(vm, C, ">=", cmp_ge, 1, 1);
  kn_define_method(vm, C, "<", cmp_lt, 1, 1);
  kn_define_method(vm, C, "<=", cmp_le, 1, 1);
  kn_define_method(vm, C, "between?", cmp_between, 2, 2);
  kn_define_method(vm, C, "clamp", cmp_clamp, 1, 2);
}
