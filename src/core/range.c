/* range.c -- Range: kn_range_new, kn_range_beg_len and the methods of class Range (CRuby
 * 3.1 behaviour and messages). A range is an RRange (beg, end, FL_EXCL) and is frozen when
 * its class is Range itself. Integer ranges take C fast paths (each, to_a, size, sum,
 * ===); other element types go through <=>, succ and String#upto. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "../vm/vm.h"
#include "numeric.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED (void)vm; (void)self; (void)argc; (void)argv; (void)blk

/* provided by src/vm/interp.c and src/vm/proc.c (lead); see vm_internal.h */
extern VALUE kn_cfunc_proc_data(VM *vm);
extern VALUE kn_catch_iter(VM *vm, VALUE (*body)(VM *, void *), void *arg);
_Noreturn extern void kn_stop_iter(VM *vm, VALUE value);

#define BEG(r) (RRANGE(r)->beg)
#define END(r) (RRANGE(r)->end)
#define EXCL(r) ((RBASIC(r)->flags & FL_EXCL) != 0)

static VALUE ret_enum(VM *vm, VALUE self, const char *meth, int argc, const VALUE *argv) {
  VALUE args[8];
  if (argc > 7) argc = 7;
  args[0] = kn_sym(vm, meth);
  for (int i = 0; i < argc; i++) args[i + 1] = argv[i];
  return kn_funcall(vm, self, vm->id_to_enum, argc + 1, args);
}
#define RETURN_ENUM(name) \
  do { if (NIL_P(blk)) return ret_enum(vm, self, name, argc, argv); } while (0)

static inline VALUE int_add(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return kn_int_new(vm, FIX2LONG(a) + FIX2LONG(b));
  return kn_int_plus(vm, a, b);
}

static inline bool numeric_p(VM *vm, VALUE v) {
  return FIXNUM_P(v) || kn_float_p(v) || kn_is_type(v, T_BIGNUM) || kn_obj_is_kind_of(vm, v, vm->cNumeric);
}

/* a <=> b as -1/0/1, or INT_MAX when they are not comparable (<=> gave nil). */
static int r_less(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return (intptr_t)a < (intptr_t)b ? -1 : a != b;
  if (kn_float_p(a) && kn_float_p(b)) {
    double x = kn_float_value(a), y = kn_float_value(b);
    if (x < y) return -1;
    if (x > y) return 1;
    if (x == y) return 0;
    return INT_MAX;
  }
  VALUE r = kn_funcall(vm, a, vm->id_cmp, 1, &b);
  if (NIL_P(r)) return INT_MAX;
  return kn_cmpint(vm, r, a, b);
}

/* ---- construction --------------------------------------------------------------------- */

static VALUE cmp_body(VM *vm, void *arg) {
  VALUE *ab = arg;
  return kn_funcall(vm, ab[0], vm->id_cmp, 1, &ab[1]);
}

/* beg <=> end, with a StandardError raised by <=> counting as nil. */
static VALUE safe_cmp(VM *vm, VALUE beg, VALUE end) {
  VALUE ab[2] = {beg, end};
  volatile VALUE r = Qnil;
  KN_TRY(vm) {
    r = cmp_body(vm, ab);
  } KN_CATCH(vm) {
    VALUE e = vm->errinfo;
    if (kn_tag != KN_TAG_RAISE || !kn_obj_is_kind_of(vm, e, vm->eStandardError)) kn_jump(vm, kn_tag, e);
    vm->errinfo = Qnil;
    r = Qnil;
  } KN_END(vm);
  return r;
}

static void range_init(VM *vm, VALUE r, VALUE beg, VALUE end, bool excl) {
  if (!(FIXNUM_P(beg) && FIXNUM_P(end)) && !NIL_P(beg) && !NIL_P(end)) {
    if (NIL_P(safe_cmp(vm, beg, end))) kn_raise(vm, vm->eArgumentError, "bad value for range");
  }
  RRANGE(r)->beg = beg;
  RRANGE(r)->end = end;
  if (excl) RBASIC(r)->flags |= FL_EXCL;
  else RBASIC(r)->flags &= ~(uint32_t)FL_EXCL;
}

VALUE kn_range_new(VM *vm, VALUE beg, VALUE end, bool excl) {
  VALUE r = kn_obj_alloc(vm, T_RANGE, vm->cRange);
  RRANGE(r)->beg = RRANGE(r)->end = Qnil;
  range_init(vm, r, beg, end, excl);
  RBASIC(r)->flags |= FL_FROZEN;
  return r;
}

static VALUE range_allocator(void *vmp, VALUE klass) {
  VALUE r = kn_obj_alloc((VM *)vmp, T_RANGE, klass);
  RRANGE(r)->beg = RRANGE(r)->end = Qnil;
  return r;
}

static VALUE range_initialize(ARGS) {
  UNUSED;
  kn_check_frozen(vm, self);
  range_init(vm, self, argv[0], argv[1], argc > 2 && RTEST(argv[2]));
  if (RBASIC(self)->klass == vm->cRange) RBASIC(self)->flags |= FL_FROZEN;
  return Qnil;
}

static VALUE range_initialize_copy(ARGS) {
  UNUSED;
  kn_check_frozen(vm, self);
  if (!kn_is_type(argv[0], T_RANGE)) kn_type_error(vm, argv[0], "Range");
  range_init(vm, self, BEG(argv[0]), END(argv[0]), EXCL(argv[0]));
  if (RBASIC(self)->klass == vm->cRange) RBASIC(self)->flags |= FL_FROZEN;
  return Qnil;
}

/* Array#[]-style [beg, len) of an Integer range over a sequence of length len. err 0:
 * false when out of range; err 1: RangeError instead, and the end is not clamped. */
bool kn_range_beg_len(VM *vm, VALUE range, long *begp, long *lenp, long len, int err) {
  VALUE b = BEG(range), e = END(range);
  bool excl = EXCL(range);
  long beg = NIL_P(b) ? 0 : (FIXNUM_P(b) ? FIX2LONG(b) : kn_num2long(vm, b));
  long end = NIL_P(e) ? -1 : (FIXNUM_P(e) ? FIX2LONG(e) : kn_num2long(vm, e));
  if (NIL_P(e)) excl = false;
  if (beg < 0) {
    beg += len;
    if (beg < 0) goto out_of_range;
  }
  if (end < 0) end += len;
  if (!excl) end++;
  if (err == 0 || err == 2) {
    if (beg > len) goto out_of_range;
    if (end > len) end = len;
  }
  *begp = beg;
  *lenp = end - beg < 0 ? 0 : end - beg;
  return true;
out_of_range:
  if (err) kn_raise(vm, vm->eRangeError, "%s out of range", kn_str_cstr(vm, kn_inspect(vm, range)));
  return false;
}

/* ---- accessors, equality, printing ------------------------------------------------------ */

static VALUE range_begin(ARGS) { UNUSED; return BEG(self); }
static VALUE range_end(ARGS) { UNUSED; return END(self); }
static VALUE range_exclude_end_p(ARGS) { UNUSED; return KN_BOOL(EXCL(self)); }

static VALUE range_eq_common(VM *vm, VALUE self, VALUE other, bool eql) {
  if (self == other) return Qtrue;
  if (!kn_is_type(other, T_RANGE) || !kn_obj_is_kind_of(vm, other, vm->cRange)) return Qfalse;
  if (EXCL(self) != EXCL(other)) return Qfalse;
  if (eql) return KN_BOOL(kn_eql(vm, BEG(self), BEG(other)) && kn_eql(vm, END(self), END(other)));
  return KN_BOOL(kn_equal(vm, BEG(self), BEG(other)) && kn_equal(vm, END(self), END(other)));
}

static VALUE range_eq(ARGS) { UNUSED; return range_eq_common(vm, self, argv[0], false); }
static VALUE range_eql(ARGS) { UNUSED; return range_eq_common(vm, self, argv[0], true); }

static VALUE range_hash(ARGS) {
  UNUSED;
  uintptr_t h = EXCL(self) ? 0x2545F4914F6CDD1DULL : 0x9E3779B97F4A7C15ULL;
  h ^= kn_hash_value(vm, BEG(self)) + (h << 6) + (h >> 2);
  h ^= kn_hash_value(vm, END(self)) * 0xff51afd7ed558ccdULL + (h << 6) + (h >> 2);
  h ^= h >> 31;
  return INT2FIX((intptr_t)(h >> 2));
}

static VALUE range_inspect(ARGS) {
  UNUSED;
  VALUE b = BEG(self), e = END(self);
  VALUE s = (!NIL_P(b) || NIL_P(e)) ? kn_str_dup(vm, kn_inspect(vm, b)) : kn_str_new(vm, "", 0);
  kn_str_cat(vm, s, "...", EXCL(self) ? 3 : 2);
  if (NIL_P(b) || !NIL_P(e)) kn_str_append(vm, s, kn_inspect(vm, e));
  return s;
}

static VALUE range_to_s(ARGS) {
  UNUSED;
  VALUE s = kn_str_dup(vm, kn_obj_as_string(vm, BEG(self)));
  kn_str_cat(vm, s, "...", EXCL(self) ? 3 : 2);
  kn_str_append(vm, s, kn_obj_as_string(vm, END(self)));
  return s;
}

/* ---- iteration ---------------------------------------------------------------------------- */

/* Whether v can be iterated with succ (Time cannot). */
static bool discrete_p(VM *vm, VALUE v) {
  if (vm->cTime && kn_obj_is_kind_of(vm, v, vm->cTime)) return false;
  return kn_respond_to(vm, v, vm->id_succ, false);
}

typedef void (*EachFn)(VM *vm, VALUE v, void *arg);

/* Yields beg, beg.succ, ... while <= end (< end when exclusive) to fn. */
static void each_succ(VM *vm, VALUE range, EachFn fn, void *arg) {
  VALUE v = BEG(range), e = END(range);
  if (EXCL(range)) {
    while (r_less(vm, v, e) < 0) {
      fn(vm, v, arg);
      v = kn_funcall(vm, v, vm->id_succ, 0, NULL);
    }
  } else {
    int c;
    while ((c = r_less(vm, v, e)) <= 0) {
      fn(vm, v, arg);
      if (c == 0) break;
      v = kn_funcall(vm, v, vm->id_succ, 0, NULL);
    }
  }
}

/* C block running fn(v, arg): data is a pointer to a CBlk tagged as a Fixnum. */
typedef struct CBlk { EachFn fn; void *arg; bool to_sym; } CBlk;

__attribute__((aligned(16))) static VALUE cblk_fn(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  CBlk *c = (CBlk *)(kn_cfunc_proc_data(vm) & ~(VALUE)1);
  VALUE v = argc > 0 ? argv[0] : Qnil;
  if (c->to_sym) v = kn_str_intern(vm, v);
  c->fn(vm, v, c->arg);
  return Qnil;
}

/* beg.upto(end, excl) feeding fn (strings and, with to_sym, symbols). */
static void each_upto(VM *vm, VALUE beg, VALUE end, bool excl, bool to_sym, EachFn fn, void *arg) {
  CBlk c = {fn, arg, to_sym};
  VALUE proc = kn_proc_new_cfunc(vm, cblk_fn, (VALUE)&c | 1, false);
  VALUE args[2] = {end, KN_BOOL(excl)};
  kn_funcall_block(vm, beg, vm->id_upto, 2, args, proc);
}

static void yield_fn(VM *vm, VALUE v, void *arg) { kn_yield1(vm, *(VALUE *)arg, v); }

/* Runs fn for every element (range_each semantics); endless ranges never return. */
static void range_each_fn(VM *vm, VALUE self, EachFn fn, void *arg) {
  VALUE b = BEG(self), e = END(self);
  if (FIXNUM_P(b) && kn_float_p(e)) {
    /* 1..Float::INFINITY and friends: Integer steps up to the Float */
    double d = kn_float_value(e);
    if (d == HUGE_VAL) {
      for (VALUE v = b;; v = int_add(vm, v, INT2FIX(1))) fn(vm, v, arg);
    }
    if (d < 4e18) {
      double f = floor(d);
      long last = d < -4e18 ? FIX2LONG(b) - 1 : (long)f;
      if (EXCL(self) && f == d) last--;
      for (long i = FIX2LONG(b); i <= last; i++) fn(vm, INT2FIX(i), arg);
      return;
    }
  }
  if (FIXNUM_P(b) && FIXNUM_P(e)) {
    long i = FIX2LONG(b), last = FIX2LONG(e);
    if (EXCL(self)) last--;
    for (; i <= last; i++) fn(vm, INT2FIX(i), arg);
    return;
  }
  if (kn_integer_p(b) && (NIL_P(e) || kn_integer_p(e))) {
    VALUE v = b;
    if (NIL_P(e)) {
      for (;; v = int_add(vm, v, INT2FIX(1))) fn(vm, v, arg);
    }
    bool excl = EXCL(self);
    for (;;) {
      int c = kn_int_cmp(v, e);
      if (c > 0 || (excl && c == 0)) break;
      fn(vm, v, arg);
      v = int_add(vm, v, INT2FIX(1));
    }
    return;
  }
  if (SYMBOL_P(b) && (NIL_P(e) || SYMBOL_P(e))) {
    if (NIL_P(e)) {
      for (VALUE s = kn_id_str(vm, SYM2ID(b));; s = kn_funcall(vm, s, vm->id_succ, 0, NULL))
        fn(vm, kn_str_intern(vm, s), arg);
    }
    each_upto(vm, kn_id_str(vm, SYM2ID(b)), kn_id_str(vm, SYM2ID(e)), EXCL(self), true, fn, arg);
    return;
  }
  VALUE s = kn_is_type(b, T_STRING) ? b : kn_check_convert(vm, b, T_STRING, vm->id_to_str);
  if (kn_is_type(s, T_STRING)) {
    if (NIL_P(e)) {
      for (VALUE v = kn_str_dup(vm, s);; v = kn_funcall(vm, v, vm->id_succ, 0, NULL)) fn(vm, v, arg);
    }
    each_upto(vm, s, e, EXCL(self), false, fn, arg);
    return;
  }
  if (!discrete_p(vm, b)) kn_raise(vm, vm->eTypeError, "can't iterate from %s", kn_obj_classname(vm, b));
  if (NIL_P(e)) {
    for (VALUE v = b;; v = kn_funcall(vm, v, vm->id_succ, 0, NULL)) fn(vm, v, arg);
  }
  each_succ(vm, self, fn, arg);
}

static VALUE range_each(ARGS) {
  RETURN_ENUM("each");
  VALUE b = BEG(self), e = END(self);
  if (FIXNUM_P(b) && FIXNUM_P(e)) {
    long i = FIX2LONG(b), last = FIX2LONG(e);
    if (EXCL(self)) last--;
    for (; i <= last; i++) kn_yield1(vm, blk, INT2FIX(i));
    return self;
  }
  if (FIXNUM_P(b) && NIL_P(e)) {
    long i = FIX2LONG(b);
    for (; i <= FIXNUM_MAX; i++) kn_yield1(vm, blk, INT2FIX(i));
    for (VALUE v = kn_int_new(vm, i);; v = int_add(vm, v, INT2FIX(1))) kn_yield1(vm, blk, v);
  }
  VALUE s = kn_is_type(b, T_STRING) ? b : Qnil;
  if (!NIL_P(s) && kn_is_type(e, T_STRING)) {
    /* the user's block straight to String#upto */
    VALUE args[2] = {e, KN_BOOL(EXCL(self))};
    kn_funcall_block(vm, s, vm->id_upto, 2, args, blk);
    return self;
  }
  range_each_fn(vm, self, yield_fn, &blk);
  return self;
}

/* ---- first / last / min / max -------------------------------------------------------------- */

static long count_arg(VM *vm, VALUE v) {
  long n = FIXNUM_P(v) ? FIX2LONG(v) : kn_num2long(vm, v);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "negative array size (or size too big)");
  return n;
}

typedef struct FirstArg { VALUE ary; long n; } FirstArg;

static void first_fn(VM *vm, VALUE v, void *arg) {
  FirstArg *f = arg;
  if (f->n <= 0) kn_stop_iter(vm, Qnil);
  kn_ary_push(vm, f->ary, v);
  if (--f->n <= 0) kn_stop_iter(vm, Qnil);
}

typedef struct EachCall { VALUE range; EachFn fn; void *arg; } EachCall;

static VALUE each_call_body(VM *vm, void *arg) {
  EachCall *c = arg;
  range_each_fn(vm, c->range, c->fn, c->arg);
  return Qnil;
}

/* First n elements of range as an Array. */
static VALUE range_take(VM *vm, VALUE self, long n) {
  VALUE b = BEG(self), e = END(self);
  if (FIXNUM_P(b) && (FIXNUM_P(e) || NIL_P(e))) {
    long i = FIX2LONG(b), last = NIL_P(e) ? FIXNUM_MAX : FIX2LONG(e);
    if (!NIL_P(e) && EXCL(self)) last--;
    long cnt = last < i ? 0 : (last - i >= n ? n : last - i + 1);
    VALUE a = kn_ary_new_capa(vm, cnt);
    for (long k = 0; k < cnt; k++) RARRAY_PTR(a)[k] = INT2FIX(i + k);
    RARRAY(a)->len = cnt;
    return a;
  }
  FirstArg f = {kn_ary_new(vm), n};
  EachCall c = {self, first_fn, &f};
  kn_catch_iter(vm, each_call_body, &c);
  return f.ary;
}

static VALUE range_first(ARGS) {
  UNUSED;
  if (NIL_P(BEG(self))) kn_raise(vm, vm->eRangeError, "cannot get the first element of beginless range");
  if (argc == 0) return BEG(self);
  return range_take(vm, self, count_arg(vm, argv[0]));
}

static VALUE range_to_a(ARGS);

static VALUE range_last(ARGS) {
  UNUSED;
  if (NIL_P(END(self))) kn_raise(vm, vm->eRangeError, "cannot get the last element of endless range");
  if (argc == 0) return END(self);
  VALUE b = BEG(self), e = END(self);
  if (kn_integer_p(b) && kn_integer_p(e)) {
    long n = count_arg(vm, argv[0]);
    VALUE last = EXCL(self) ? kn_int_minus(vm, e, INT2FIX(1)) : e;
    if (kn_int_cmp(last, b) < 0) return kn_ary_new(vm);
    VALUE size = int_add(vm, kn_int_minus(vm, last, b), INT2FIX(1));
    if (FIXNUM_P(size) && FIX2LONG(size) < n) n = FIX2LONG(size);
    VALUE a = kn_ary_new_capa(vm, n);
    VALUE v = kn_int_minus(vm, last, kn_int_new(vm, n - 1));
    for (long k = 0; k < n; k++, v = int_add(vm, v, INT2FIX(1))) kn_ary_push(vm, a, v);
    return a;
  }
  VALUE ary = range_to_a(vm, self, 0, NULL, Qnil);
  long n = count_arg(vm, argv[0]), len = RARRAY_LEN(ary);
  if (n > len) n = len;
  return kn_ary_new_from(vm, n, RARRAY_PTR(ary) + len - n);
}

static VALUE range_min(ARGS) {
  VALUE b = BEG(self), e = END(self);
  if (NIL_P(b)) kn_raise(vm, vm->eRangeError, "cannot get the minimum of beginless range");
  if (!NIL_P(blk)) {
    if (NIL_P(e)) kn_raise(vm, vm->eRangeError, "cannot get the minimum of endless range with custom comparison method");
    return kn_call_super(vm, argc, argv, blk);
  }
  if (argc > 0) return range_take(vm, self, count_arg(vm, argv[0]));
  int c = NIL_P(e) ? -1 : r_less(vm, b, e);
  if (c == INT_MAX) kn_cmperr(vm, b, e);
  if (c > 0 || (c == 0 && EXCL(self))) return Qnil;
  return b;
}

static VALUE range_max(ARGS) {
  VALUE b = BEG(self), e = END(self);
  if (NIL_P(e)) kn_raise(vm, vm->eRangeError, "cannot get the maximum of endless range");
  bool nm = numeric_p(vm, e);
  if (!NIL_P(blk) || (EXCL(self) && !nm) || argc > 0) {
    if (NIL_P(b))
      kn_raise(vm, vm->eRangeError, "cannot get the maximum of beginless range with custom comparison method");
    return kn_call_super(vm, argc, argv, blk);
  }
  int c = NIL_P(b) ? -1 : r_less(vm, b, e);
  if (c == INT_MAX) kn_cmperr(vm, b, e);
  if (c > 0) return Qnil;
  if (EXCL(self)) {
    if (!kn_integer_p(e)) kn_raise(vm, vm->eTypeError, "cannot exclude non Integer end value");
    if (c == 0) return Qnil;
    if (!kn_integer_p(b)) kn_raise(vm, vm->eTypeError, "cannot exclude end value with non Integer begin value");
    return kn_int_minus(vm, e, INT2FIX(1));
  }
  return e;
}

static VALUE range_minmax(ARGS) {
  if (!NIL_P(blk)) return kn_call_super(vm, argc, argv, blk);
  VALUE mn = kn_funcall(vm, self, kn_intern(vm, "min"), 0, NULL);
  VALUE mx = kn_funcall(vm, self, kn_intern(vm, "max"), 0, NULL);
  return kn_ary_new_values(vm, 2, mn, mx);
}

/* ---- size / count / to_a / sum ---------------------------------------------------------------- */

/* Number of steps of `unit` from beg to end (CRuby's float step count, with a tolerance of a
 * few ulps so 1.0.step(2.0, 0.1) has 11 elements). */
static double float_step_size(double beg, double end, double unit, bool excl) {
  if (unit == 0) return HUGE_VAL;
  if (isinf(unit)) return unit > 0 ? beg <= end : beg >= end;
  double n = (end - beg) / unit;
  double err = (fabs(beg) + fabs(end) + fabs(end - beg)) / fabs(unit) * DBL_EPSILON;
  if (err > 0.5) err = 0.5;
  if (excl) {
    if (n <= 0) return 0;
    if (n < 1) n = 0;
    else n = floor(n - err);
    double d = (n + 1) * unit + beg;
    if (beg < end) {
      if (d < end) n++;
    } else if (beg > end) {
      if (d > end) n++;
    }
    return n + 1;
  }
  if (n < 0) return 0;
  return floor(n + err) + 1;
}

static VALUE dbl_count(VM *vm, double n) {
  if (isinf(n)) return kn_float_new(vm, n);
  if (n < 4e18) return kn_int_new(vm, (intptr_t)n);
  return kn_dbl_to_int(vm, n);
}

/* Size of a numeric interval from..to with step 1. */
static VALUE interval_size(VM *vm, VALUE from, VALUE to, bool excl) {
  if (FIXNUM_P(from) && FIXNUM_P(to)) {
    long delta = FIX2LONG(to) - FIX2LONG(from);
    if (excl) delta--;
    if (delta < 0) return INT2FIX(0);
    return kn_int_new(vm, delta + 1);
  }
  if (kn_float_p(from) || kn_float_p(to)) {
    return dbl_count(vm, float_step_size(kn_num2dbl(vm, from), kn_num2dbl(vm, to), 1.0, excl));
  }
  if (RTEST(kn_funcall(vm, from, vm->id_gt, 1, &to))) return INT2FIX(0);
  VALUE diff = kn_funcall(vm, to, vm->id_minus, 1, &from);
  VALUE one = INT2FIX(1);
  VALUE result = kn_funcall(vm, diff, kn_intern(vm, "div"), 1, &one);
  VALUE reach = kn_funcall(vm, from, vm->id_plus, 1, &result);
  if (!excl || RTEST(kn_funcall(vm, to, vm->id_gt, 1, &reach))) result = kn_funcall(vm, result, vm->id_plus, 1, &one);
  return result;
}

static VALUE range_size(ARGS) {
  UNUSED;
  VALUE b = BEG(self), e = END(self);
  if (numeric_p(vm, b)) {
    if (numeric_p(vm, e)) return interval_size(vm, b, e, EXCL(self));
    if (NIL_P(e)) return kn_float_new(vm, HUGE_VAL);
  } else if (NIL_P(b)) {
    return kn_float_new(vm, HUGE_VAL);
  }
  return Qnil;
}

static VALUE range_count(ARGS) {
  if (argc > 0 || !NIL_P(blk)) return kn_call_super(vm, argc, argv, blk);
  VALUE b = BEG(self), e = END(self);
  if (NIL_P(b) || NIL_P(e)) return kn_float_new(vm, HUGE_VAL);
  if (kn_integer_p(b)) {
    VALUE size = range_size(vm, self, 0, NULL, Qnil);
    if (!NIL_P(size)) return size;
  }
  return kn_call_super(vm, argc, argv, blk);
}

static void push_fn(VM *vm, VALUE v, void *arg) { kn_ary_push(vm, *(VALUE *)arg, v); }

static VALUE range_to_a(ARGS) {
  UNUSED;
  if (NIL_P(END(self))) kn_raise(vm, vm->eRangeError, "cannot convert endless range to an array");
  VALUE b = BEG(self), e = END(self);
  if (FIXNUM_P(b) && FIXNUM_P(e)) {
    long i = FIX2LONG(b), last = FIX2LONG(e);
    if (EXCL(self)) last--;
    long n = last < i ? 0 : last - i + 1;
    if (n > LONG_MAX / 16) kn_raise(vm, vm->eArgumentError, "array size too big");
    VALUE a = kn_ary_new_capa(vm, n);
    for (long k = 0; k < n; k++) RARRAY_PTR(a)[k] = INT2FIX(i + k);
    RARRAY(a)->len = n;
    return a;
  }
  VALUE a = kn_ary_new(vm);
  range_each_fn(vm, self, push_fn, &a);
  return a;
}

static VALUE range_sum(ARGS) {
  VALUE b = BEG(self), e = END(self);
  VALUE init = argc > 0 ? argv[0] : INT2FIX(0);
  if (NIL_P(blk) && !kn_float_p(init) && kn_integer_p(b) && kn_integer_p(e)) {
    if (EXCL(self)) e = kn_int_minus(vm, e, INT2FIX(1));
    if (kn_int_cmp(e, b) < 0) return init;
    VALUE n = int_add(vm, kn_int_minus(vm, e, b), INT2FIX(1));
    VALUE s = kn_int_div(vm, kn_int_mult(vm, n, int_add(vm, e, b)), INT2FIX(2));
    if (FIXNUM_P(init) && init == INT2FIX(0)) return s;
    return kn_funcall(vm, init, vm->id_plus, 1, &s);
  }
  return kn_call_super(vm, argc, argv, blk);
}

/* ---- membership -------------------------------------------------------------------------- */

static bool r_cover_p(VM *vm, VALUE self, VALUE val) {
  VALUE b = BEG(self), e = END(self);
  if (NIL_P(b) || r_less(vm, b, val) <= 0) {
    int excl = EXCL(self) ? 1 : 0;
    if (NIL_P(e) || r_less(vm, val, e) <= -excl) return true;
  }
  return false;
}

static VALUE max_body(VM *vm, void *arg) {
  return kn_funcall(vm, *(VALUE *)arg, kn_intern(vm, "max"), 0, NULL);
}

/* other.max, or nil when it raises TypeError. */
static VALUE max_or_nil(VM *vm, VALUE other) {
  volatile VALUE r = Qnil;
  KN_TRY(vm) {
    r = max_body(vm, &other);
  } KN_CATCH(vm) {
    VALUE e = vm->errinfo;
    if (kn_tag != KN_TAG_RAISE || !kn_obj_is_kind_of(vm, e, vm->eTypeError)) kn_jump(vm, kn_tag, e);
    vm->errinfo = Qnil;
    r = Qnil;
  } KN_END(vm);
  return r;
}

static bool r_cover_range_p(VM *vm, VALUE self, VALUE val) {
  VALUE b = BEG(self), e = END(self);
  VALUE vb = BEG(val), ve = END(val);
  if (!NIL_P(e) && NIL_P(ve)) return false;
  if (!NIL_P(b) && NIL_P(vb)) return false;
  if (!NIL_P(vb) && !NIL_P(ve) && r_less(vm, vb, ve) > (EXCL(val) ? -1 : 0)) return false;
  if (!NIL_P(vb) && !r_cover_p(vm, self, vb)) return false;
  /* as in CRuby, incomparable ends (nil <=> x) count as "end is larger" */
  int cmp_end = r_less(vm, e, ve);
  if (EXCL(self) == EXCL(val)) return cmp_end >= 0;
  if (EXCL(self)) return cmp_end > 0;
  if (cmp_end >= 0) return true;
  VALUE vmax = max_or_nil(vm, val);
  if (NIL_P(vmax)) return false;
  return r_less(vm, e, vmax) >= 0;
}

static VALUE range_cover_p(ARGS) {
  UNUSED;
  VALUE v = argv[0];
  if (kn_is_type(v, T_RANGE) && kn_obj_is_kind_of(vm, v, vm->cRange)) return KN_BOOL(r_cover_range_p(vm, self, v));
  return KN_BOOL(r_cover_p(vm, self, v));
}

static bool linear_p(VM *vm, VALUE v) {
  if (FIXNUM_P(v) || kn_float_p(v) || kn_is_type(v, T_BIGNUM)) return true;
  if (SPECIAL_CONST_P(v)) return false;
  if (kn_obj_is_kind_of(vm, v, vm->cNumeric)) return true;
  return vm->cTime && kn_obj_is_kind_of(vm, v, vm->cTime);
}

static bool has_to_int(VM *vm, VALUE v) {
  if (kn_integer_p(v)) return true;
  if (SPECIAL_CONST_P(v) && !FLONUM_P(v)) return false;
  VALUE r = kn_check_convert(vm, v, T_BIGNUM, vm->id_to_int);
  return kn_integer_p(r);
}

typedef struct StrInc { VALUE val; bool found; } StrInc;

static void str_include_fn(VM *vm, VALUE v, void *arg) {
  StrInc *s = arg;
  if (kn_equal(vm, v, s->val)) {
    s->found = true;
    kn_stop_iter(vm, Qnil);
  }
}

typedef struct UptoCall { VALUE beg, end; bool excl; StrInc *inc; } UptoCall;

static VALUE upto_call_body(VM *vm, void *arg) {
  UptoCall *u = arg;
  each_upto(vm, u->beg, u->end, u->excl, false, str_include_fn, u->inc);
  return Qnil;
}

/* String-range membership by enumeration (CRuby's rb_str_include_range_p). */
static bool str_include_range_p(VM *vm, VALUE beg, VALUE end, VALUE val, bool excl) {
  if (NIL_P(val)) return false;
  val = kn_is_type(val, T_STRING) ? val : kn_check_convert(vm, val, T_STRING, vm->id_to_str);
  if (!kn_is_type(val, T_STRING)) return false;
  if (RSTRING_LEN(beg) == 1 && RSTRING_LEN(end) == 1 && RSTRING_LEN(val) == 1) {
    unsigned char b = (unsigned char)RSTRING_PTR(beg)[0], e = (unsigned char)RSTRING_PTR(end)[0];
    unsigned char v = (unsigned char)RSTRING_PTR(val)[0];
    if (b < 128 && e < 128 && v < 128) {
      if (b <= v && v < e) return true;
      return !excl && v == e;
    }
  }
  StrInc s = {val, false};
  UptoCall u = {beg, end, excl, &s};
  kn_catch_iter(vm, upto_call_body, &u);
  return s.found;
}

/* Membership without enumeration where CRuby has one: Qundef when the caller must fall
 * back (include?: Enumerable#include?, ===: cover?). */
static VALUE include_internal(VM *vm, VALUE self, VALUE val, bool string_use_cover) {
  VALUE b = BEG(self), e = END(self);
  if (FIXNUM_P(b) && FIXNUM_P(e) && FIXNUM_P(val)) {
    intptr_t v = FIX2LONG(val);
    return KN_BOOL(FIX2LONG(b) <= v && (EXCL(self) ? v < FIX2LONG(e) : v <= FIX2LONG(e)));
  }
  if (FIXNUM_P(b) || FIXNUM_P(e) || linear_p(vm, b) || linear_p(vm, e) || has_to_int(vm, b) || has_to_int(vm, e))
    return KN_BOOL(r_cover_p(vm, self, val));
  bool bs = kn_is_type(b, T_STRING), es = kn_is_type(e, T_STRING);
  if (bs && es) {
    if (string_use_cover) return KN_BOOL(r_cover_p(vm, self, val));
    return KN_BOOL(str_include_range_p(vm, b, e, val, EXCL(self)));
  }
  if (bs || es) {
    if (NIL_P(b)) {
      VALUE r = kn_funcall(vm, val, vm->id_cmp, 1, &e);
      if (NIL_P(r)) return Qfalse;
      int c = kn_cmpint(vm, r, val, e);
      return KN_BOOL(EXCL(self) ? c < 0 : c <= 0);
    }
    if (NIL_P(e)) {
      VALUE r = kn_funcall(vm, b, vm->id_cmp, 1, &val);
      if (NIL_P(r)) return Qfalse;
      return KN_BOOL(kn_cmpint(vm, r, b, val) <= 0);
    }
  }
  return Qundef;
}

static VALUE range_include_p(ARGS) {
  VALUE r = include_internal(vm, self, argv[0], false);
  if (r != Qundef) return r;
  return kn_call_super(vm, argc, argv, blk);
}

static VALUE range_eqq(ARGS) {
  UNUSED;
  VALUE r = include_internal(vm, self, argv[0], true);
  if (r != Qundef) return r;
  return KN_BOOL(r_cover_p(vm, self, argv[0]));
}

/* ---- step ----------------------------------------------------------------------------------- */

typedef struct StepArg { VALUE blk; VALUE step; long n; long count; } StepArg;

/* Yields every step-th element, starting with the first. */
static void step_fn(VM *vm, VALUE v, void *arg) {
  StepArg *s = arg;
  if (--s->count == 0) {
    s->count = s->n;
    kn_yield1(vm, s->blk, v);
  }
}

static VALUE range_step(ARGS) {
  VALUE b = BEG(self), e = END(self);
  VALUE step = argc == 0 ? INT2FIX(1) : argv[0];
  if (NIL_P(blk)) {
    if (!numeric_p(vm, step)) step = kn_to_int(vm, step);
    if (kn_equal(vm, step, INT2FIX(0))) kn_raise(vm, vm->eArgumentError, "step can't be 0");
    return ret_enum(vm, self, kn_id_name(vm, vm->cfp->mid ? vm->cfp->mid : kn_intern(vm, "step")), argc, argv);
  }
  if (!numeric_p(vm, step)) step = kn_to_int(vm, step);
  int sc = r_less(vm, step, INT2FIX(0));
  if (sc < 0) kn_raise(vm, vm->eArgumentError, "step can't be negative");
  if (sc == 0) kn_raise(vm, vm->eArgumentError, "step can't be 0");

  if (FIXNUM_P(b) && NIL_P(e) && FIXNUM_P(step)) {
    long i = FIX2LONG(b), unit = FIX2LONG(step);
    for (; FIXABLE(i); i += unit) kn_yield1(vm, blk, INT2FIX(i));
    for (VALUE v = kn_int_new(vm, i);; v = kn_int_plus(vm, v, step)) kn_yield1(vm, blk, v);
  }
  if (FIXNUM_P(b) && FIXNUM_P(e) && FIXNUM_P(step)) {
    long end = FIX2LONG(e), unit = FIX2LONG(step);
    if (!EXCL(self)) end++;
    for (long i = FIX2LONG(b); i < end; i += unit) {
      kn_yield1(vm, blk, INT2FIX(i));
      if (i + unit < i) break;
    }
    return self;
  }
  if (SYMBOL_P(b) && (NIL_P(e) || SYMBOL_P(e))) {
    StepArg s = {blk, step, kn_num2long(vm, step), 1};
    if (NIL_P(e)) {
      for (VALUE str = kn_id_str(vm, SYM2ID(b));; str = kn_funcall(vm, str, vm->id_succ, 0, NULL))
        step_fn(vm, kn_str_intern(vm, str), &s);
    }
    each_upto(vm, kn_id_str(vm, SYM2ID(b)), kn_id_str(vm, SYM2ID(e)), EXCL(self), true, step_fn, &s);
    return self;
  }
  bool bnum = numeric_p(vm, b);
  if (bnum && (kn_float_p(b) || kn_float_p(e) || kn_float_p(step))) {
    double unit = kn_num2dbl(vm, step), beg = kn_num2dbl(vm, b);
    double end = NIL_P(e) ? (unit < 0 ? -1 : 1) * HUGE_VAL : kn_num2dbl(vm, e);
    double n = float_step_size(beg, end, unit, EXCL(self));
    if (isinf(unit)) {
      if (n) kn_yield1(vm, blk, kn_float_new(vm, beg));
    } else if (unit == 0) {
      VALUE v = kn_float_new(vm, beg);
      for (;;) kn_yield1(vm, blk, v);
    } else {
      for (long i = 0; i < n; i++) {
        double d = i * unit + beg;
        if (unit >= 0 ? end < d : d < end) d = end;
        kn_yield1(vm, blk, kn_float_new(vm, d));
      }
    }
    return self;
  }
  if (bnum || has_to_int(vm, b) || (!NIL_P(e) && has_to_int(vm, e))) {
    ID op = EXCL(self) ? vm->id_lt : vm->id_le;
    VALUE v = b;
    for (long i = 1; NIL_P(e) || RTEST(kn_funcall(vm, v, op, 1, &e)); i++) {
      kn_yield1(vm, blk, v);
      VALUE k = kn_int_new(vm, i);
      VALUE off = kn_funcall(vm, k, vm->id_mult, 1, &step);
      v = kn_funcall(vm, b, vm->id_plus, 1, &off);
    }
    return self;
  }
  StepArg s = {blk, step, kn_num2long(vm, step), 1};
  VALUE str = kn_is_type(b, T_STRING) ? b : kn_check_convert(vm, b, T_STRING, vm->id_to_str);
  if (kn_is_type(str, T_STRING)) {
    if (NIL_P(e)) {
      for (VALUE v = kn_str_dup(vm, str);; v = kn_funcall(vm, v, vm->id_succ, 0, NULL)) step_fn(vm, v, &s);
    }
    each_upto(vm, str, e, EXCL(self), false, step_fn, &s);
    return self;
  }
  if (!discrete_p(vm, b)) kn_raise(vm, vm->eTypeError, "can't iterate from %s", kn_obj_classname(vm, b));
  if (NIL_P(e)) {
    for (VALUE v = b;; v = kn_funcall(vm, v, vm->id_succ, 0, NULL)) step_fn(vm, v, &s);
  }
  each_succ(vm, self, step_fn, &s);
  return self;
}

/* ---- bsearch --------------------------------------------------------------------------------- */

/* Interprets the block's verdict on x: returns true when x is the exact answer (find-any
 * mode gave 0); sets *smaller when the answer lies at or below x; records satisfied x. */
static bool bs_check(VM *vm, VALUE blk, VALUE x, bool *smaller, VALUE *satisfied) {
  VALUE v = kn_yield1(vm, blk, x);
  if (FIXNUM_P(v)) {
    if (v == INT2FIX(0)) return true;
    *smaller = FIX2LONG(v) < 0;
  } else if (v == Qtrue) {
    *satisfied = x;
    *smaller = true;
  } else if (!RTEST(v)) {
    *smaller = false;
  } else if (numeric_p(vm, v)) {
    VALUE zero = INT2FIX(0);
    int c = kn_cmpint(vm, kn_funcall(vm, v, vm->id_cmp, 1, &zero), v, zero);
    if (c == 0) return true;
    *smaller = c < 0;
  } else {
    kn_raise(vm, vm->eTypeError, "wrong argument type %s (must be numeric, true, false or nil)",
             kn_obj_classname(vm, v));
  }
  return false;
}

/* Lower-bound search over the Integers low..high (inclusive). */
static VALUE bsearch_int(VM *vm, VALUE blk, VALUE low, VALUE high) {
  VALUE satisfied = Qnil, org_high = high;
  bool smaller = false;
  while (kn_int_cmp(low, high) < 0) {
    VALUE mid;
    if (FIXNUM_P(low) && FIXNUM_P(high)) {
      long l = FIX2LONG(low), h = FIX2LONG(high);
      mid = INT2FIX(l + (h - l) / 2);
    } else {
      mid = kn_int_div(vm, int_add(vm, low, high), INT2FIX(2));
    }
    if (bs_check(vm, blk, mid, &smaller, &satisfied)) return mid;
    if (smaller) high = mid;
    else low = int_add(vm, mid, INT2FIX(1));
  }
  if (kn_int_cmp(low, org_high) == 0) {
    if (bs_check(vm, blk, low, &smaller, &satisfied)) return low;
    if (!smaller) return Qnil;
  }
  return satisfied;
}

static int64_t dbl_to_ord(double d) {
  if (d == 0.0) return 0;
  int64_t i;
  double a = fabs(d);
  memcpy(&i, &a, sizeof i);
  return d < 0 ? -i : i;
}

static double ord_to_dbl(int64_t i) {
  double d;
  int64_t a = i < 0 ? -i : i;
  memcpy(&d, &a, sizeof d);
  return i < 0 ? -d : d;
}

static VALUE range_bsearch(ARGS) {
  RETURN_ENUM("bsearch");
  VALUE b = BEG(self), e = END(self);
  bool smaller = false;
  VALUE satisfied = Qnil;
  if (kn_float_p(b) || kn_float_p(e)) {
    int64_t low = dbl_to_ord(NIL_P(b) ? -HUGE_VAL : kn_num2dbl(vm, b));
    int64_t high = dbl_to_ord(NIL_P(e) ? HUGE_VAL : kn_num2dbl(vm, e));
    if (EXCL(self)) high--;
    int64_t org_high = high;
    while (low < high) {
      int64_t mid = low + (int64_t)(((uint64_t)high - (uint64_t)low) / 2);
      VALUE x = kn_float_new(vm, ord_to_dbl(mid));
      if (bs_check(vm, blk, x, &smaller, &satisfied)) return x;
      if (smaller) high = mid;
      else low = mid + 1;
    }
    if (low == org_high) {
      VALUE x = kn_float_new(vm, ord_to_dbl(low));
      if (bs_check(vm, blk, x, &smaller, &satisfied)) return x;
      if (!smaller) return Qnil;
    }
    return satisfied;
  }
  if (kn_integer_p(b) && kn_integer_p(e)) {
    VALUE high = EXCL(self) ? kn_int_minus(vm, e, INT2FIX(1)) : e;
    return bsearch_int(vm, blk, b, high);
  }
  if (kn_integer_p(b) && NIL_P(e)) {
    VALUE diff = INT2FIX(1);
    for (;;) {
      VALUE mid = int_add(vm, b, diff);
      if (bs_check(vm, blk, mid, &smaller, &satisfied)) return mid;
      if (smaller) return bsearch_int(vm, blk, b, mid);
      diff = int_add(vm, diff, diff);
    }
  }
  if (NIL_P(b) && kn_integer_p(e)) {
    VALUE diff = INT2FIX(-1);
    for (;;) {
      VALUE mid = int_add(vm, e, diff);
      if (bs_check(vm, blk, mid, &smaller, &satisfied)) return mid;
      if (!smaller) return bsearch_int(vm, blk, mid, e);
      diff = int_add(vm, diff, diff);
    }
  }
  kn_raise(vm, vm->eTypeError, "can't do binary search for %s", kn_obj_classname(vm, b));
}

/* ---- init ----------------------------------------------------------------------------------- */

void kn_init_range(VM *vm) {
  VALUE R = vm->cRange;
  kn_set_allocator(vm, R, T_RANGE, range_allocator);
  kn_define_private_method(vm, R, "initialize", range_initialize, 2, 3);
  kn_define_private_method(vm, R, "initialize_copy", range_initialize_copy, 1, 1);
  kn_define_method(vm, R, "begin", range_begin, 0, 0);
  kn_define_method(vm, R, "end", range_end, 0, 0);
  kn_define_method(vm, R, "exclude_end?", range_exclude_end_p, 0, 0);
  kn_define_method(vm, R, "==", range_eq, 1, 1);
  kn_define_method(vm, R, "eql?", range_eql, 1, 1);
  kn_define_method(vm, R, "hash", range_hash, 0, 0);
  kn_define_method(vm, R, "inspect", range_inspect, 0, 0);
  kn_define_method(vm, R, "to_s", range_to_s, 0, 0);
  kn_define_method(vm, R, "each", range_each, 0, 0);
  kn_define_method(vm, R, "first", range_first, 0, 1);
  kn_define_method(vm, R, "last", range_last, 0, 1);
  kn_define_method(vm, R, "min", range_min, 0, 1);
  kn_define_method(vm, R, "max", range_max, 0, 1);
  kn_define_method(vm, R, "minmax", range_minmax, 0, 0);
  kn_define_method(vm, R, "size", range_size, 0, 0);
  kn_define_method(vm, R, "count", range_count, 0, 1);
  kn_define_method(vm, R, "to_a", range_to_a, 0, 0);
  kn_define_method(vm, R, "entries", range_to_a, 0, 0);
  kn_define_method(vm, R, "sum", range_sum, 0, 1);
  kn_define_method(vm, R, "include?", range_include_p, 1, 1);
  kn_define_method(vm, R, "member?", range_include_p, 1, 1);
  kn_define_method(vm, R, "===", range_eqq, 1, 1);
  kn_define_method(vm, R, "cover?", range_cover_p, 1, 1);
  kn_define_method(vm, R, "step", range_step, 0, 1);
  kn_define_method(vm, R, "%", range_step, 0, 1);
  kn_define_method(vm, R, "bsearch", range_bsearch, 0, 0);
}
