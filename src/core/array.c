/* array.c -- Array: the kn_ary_* API of vm.h and the methods of class Array (CRuby 3.1
 * behaviour and messages). Elements live in ptr[0..len) (the slot's embed buffer while
 * capa <= KN_ARY_EMBED, else a malloc'ed buffer grown geometrically); see object.h.
 * Iteration re-reads len/ptr after every call into Ruby, so blocks may mutate the array. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../vm/vm.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED (void)vm; (void)self; (void)argc; (void)argv; (void)blk

/* provided by src/vm/kernel.c (lead) */
extern long kn_random_long(VM *vm, long n);
/* provided by src/core/enum.c: the first n values `obj.each` yields (packed like to_a) */
extern VALUE kn_enum_take(VM *vm, VALUE obj, long n);

#define ARY_MAX (LONG_MAX / (long)sizeof(VALUE) / 2)

static inline long LEN(VALUE a) { return RARRAY(a)->len; }
static inline VALUE *PTR(VALUE a) { return RARRAY(a)->ptr; }

/* Keeps v visibly alive up to this point (conservative GC: the compiler may otherwise drop
 * the last reference to an object whose interior pointer is still in use). */
static inline void keep_alive(VALUE v) { __asm__ volatile("" : : "r"(v) : "memory"); }

/* ---- storage -------------------------------------------------------------------------- */

static VALUE ary_alloc(VM *vm, VALUE klass, long capa) {
  if (capa < 0 || capa > ARY_MAX) kn_raise(vm, vm->eArgumentError, "array size too big");
  VALUE a = kn_obj_alloc(vm, T_ARRAY, klass);
  RArray *r = RARRAY(a);
  if (capa <= KN_ARY_EMBED) {
    r->ptr = r->embed;
    r->capa = KN_ARY_EMBED;
  } else {
    r->ptr = kn_xmalloc((size_t)capa * sizeof(VALUE));
    r->capa = capa;
  }
  return a;
}

/* Ensures capa >= need, growing geometrically. Never allocates a Ruby object. */
static void ary_reserve(VM *vm, VALUE a, long need) {
  RArray *r = RARRAY(a);
  if (need <= r->capa) return;
  if (need > ARY_MAX) kn_raise(vm, vm->eArgumentError, "array size too big");
  long nc = r->capa < 4 ? 4 : r->capa;
  while (nc < need) nc = nc > ARY_MAX / 2 ? ARY_MAX : nc * 2;
  if (r->ptr == r->embed || r->ptr == NULL) {
    VALUE *p = kn_xmalloc((size_t)nc * sizeof(VALUE));
    if (r->len > 0) memcpy(p, r->ptr, (size_t)r->len * sizeof(VALUE));
    r->ptr = p;
  } else {
    r->ptr = kn_xrealloc(r->ptr, (size_t)nc * sizeof(VALUE));
  }
  r->capa = nc;
}

/* Drops a large buffer after the array became (nearly) empty. */
static void ary_maybe_shrink(VALUE a) {
  RArray *r = RARRAY(a);
  if (r->ptr != r->embed && r->ptr != NULL && r->len <= KN_ARY_EMBED && r->capa > 64) {
    VALUE *old = r->ptr;
    if (r->len > 0) memcpy(r->embed, old, (size_t)r->len * sizeof(VALUE));
    r->ptr = r->embed;
    r->capa = KN_ARY_EMBED;
    free(old);
  }
}

static void ary_set_len_nil(VM *vm, VALUE a, long n) {
  /* grow to n elements, padding with nil */
  ary_reserve(vm, a, n);
  RArray *r = RARRAY(a);
  for (long i = r->len; i < n; i++) r->ptr[i] = Qnil;
  if (n > r->len) r->len = n;
}

/* Replaces ptr[beg, len) with rlen values from rpl (rpl must not point into a). beg may be
 * past the end: the gap is filled with nil. */
static void ary_splice(VM *vm, VALUE a, long beg, long len, const VALUE *rpl, long rlen) {
  long olen = LEN(a);
  if (beg >= olen) {
    if (beg > ARY_MAX - rlen) kn_raise(vm, vm->eIndexError, "index %ld too big", beg);
    ary_set_len_nil(vm, a, beg);
    ary_reserve(vm, a, beg + rlen);
    if (rlen) memcpy(PTR(a) + beg, rpl, (size_t)rlen * sizeof(VALUE));
    RARRAY(a)->len = beg + rlen;
    return;
  }
  if (len > olen - beg) len = olen - beg;
  long nlen = olen - len + rlen;
  ary_reserve(vm, a, nlen);
  VALUE *p = PTR(a);
  if (len != rlen) memmove(p + beg + rlen, p + beg + len, (size_t)(olen - beg - len) * sizeof(VALUE));
  if (rlen) memcpy(p + beg, rpl, (size_t)rlen * sizeof(VALUE));
  RARRAY(a)->len = nlen;
}

static void ary_replace_with(VM *vm, VALUE a, const VALUE *src, long n) {
  ary_reserve(vm, a, n);
  if (n) memmove(PTR(a), src, (size_t)n * sizeof(VALUE));
  RARRAY(a)->len = n;
}

/* ---- kn_ary_* API ----------------------------------------------------------------------- */

VALUE kn_ary_new(VM *vm) { return ary_alloc(vm, vm->cArray, 0); }
VALUE kn_ary_new_capa(VM *vm, long capa) { return ary_alloc(vm, vm->cArray, capa); }

VALUE kn_ary_new_from(VM *vm, long n, const VALUE *elts) {
  VALUE a = ary_alloc(vm, vm->cArray, n);
  if (n > 0) memcpy(PTR(a), elts, (size_t)n * sizeof(VALUE));
  RARRAY(a)->len = n;
  return a;
}

VALUE kn_ary_new_values(VM *vm, long n, ...) {
  VALUE a = ary_alloc(vm, vm->cArray, n);
  va_list ap;
  va_start(ap, n);
  for (long i = 0; i < n; i++) PTR(a)[i] = va_arg(ap, VALUE);
  va_end(ap);
  RARRAY(a)->len = n;
  return a;
}

VALUE kn_ary_push(VM *vm, VALUE ary, VALUE v) {
  RArray *r = RARRAY(ary);
  if (r->len >= r->capa) ary_reserve(vm, ary, r->len + 1);
  r->ptr[r->len++] = v;
  return ary;
}

VALUE kn_ary_pop(VM *vm, VALUE ary) {
  (void)vm;
  RArray *r = RARRAY(ary);
  if (r->len == 0) return Qnil;
  return r->ptr[--r->len];
}

VALUE kn_ary_entry(VALUE ary, long i) {
  long n = LEN(ary);
  if (i < 0) i += n;
  if (i < 0 || i >= n) return Qnil;
  return PTR(ary)[i];
}

void kn_ary_store(VM *vm, VALUE ary, long i, VALUE v) {
  long n = LEN(ary);
  if (i < 0) {
    if (i + n < 0) kn_raise(vm, vm->eIndexError, "index %ld too small for array; minimum: -%ld", i, n);
    i += n;
  }
  if (i >= n) {
    if (i >= ARY_MAX) kn_raise(vm, vm->eIndexError, "index %ld too big", i);
    ary_set_len_nil(vm, ary, i + 1);
  }
  PTR(ary)[i] = v;
}

VALUE kn_ary_dup(VM *vm, VALUE ary) { return kn_ary_new_from(vm, LEN(ary), PTR(ary)); }

VALUE kn_ary_concat(VM *vm, VALUE ary, VALUE other) {
  long n = LEN(other), len = LEN(ary);
  if (n == 0) return ary;
  ary_reserve(vm, ary, len + n);
  memcpy(PTR(ary) + len, PTR(other), (size_t)n * sizeof(VALUE)); /* other may be ary: n read first */
  RARRAY(ary)->len = len + n;
  return ary;
}

VALUE kn_ary_to_ary(VM *vm, VALUE v) {
  if (kn_is_type(v, T_ARRAY)) return v;
  VALUE a = kn_check_array(vm, v);
  if (!NIL_P(a)) return a;
  return kn_ary_new_values(vm, 1, v);
}

/* ---- argument helpers ------------------------------------------------------------------- */

static VALUE to_ary(VM *vm, VALUE v) {
  if (kn_is_type(v, T_ARRAY)) return v;
  VALUE a = kn_check_array(vm, v);
  if (NIL_P(a)) kn_type_error(vm, v, "Array");
  return a;
}

/* Array or to_ary; Qnil for values that do not convert (cheap for immediates and Strings). */
static VALUE check_ary(VM *vm, VALUE v) {
  if (kn_is_type(v, T_ARRAY)) return v;
  if (SPECIAL_CONST_P(v)) return Qnil;
  ValueType t = KN_BUILTIN_TYPE(v);
  if (t == T_STRING || t == T_FLOAT || t == T_BIGNUM || t == T_HASH || t == T_RANGE) return Qnil;
  return kn_check_array(vm, v);
}

static inline long num(VM *vm, VALUE v) { return FIXNUM_P(v) ? FIX2LONG(v) : kn_num2long(vm, v); }

static VALUE ret_enum(VM *vm, VALUE self, const char *meth, int argc, const VALUE *argv) {
  VALUE args[8];
  if (argc > 7) argc = 7;
  args[0] = kn_sym(vm, meth);
  for (int i = 0; i < argc; i++) args[i + 1] = argv[i];
  return kn_funcall(vm, self, vm->id_to_enum, argc + 1, args);
}
#define RETURN_ENUM(name) \
  do { if (NIL_P(blk)) return ret_enum(vm, self, name, argc, argv); } while (0)

static inline void modify(VM *vm, VALUE self) {
  if (RBASIC(self)->flags & FL_FROZEN) kn_frozen_error(vm, self);
}

static VALUE subseq(VM *vm, VALUE a, long beg, long len) {
  long n = LEN(a);
  if (beg > n || beg < 0 || len < 0) return Qnil;
  if (len > n - beg) len = n - beg;
  return kn_ary_new_from(vm, len, PTR(a) + beg);
}

/* Range -> (beg, len) for a sequence of length len (CRuby's rb_range_beg_len). err 0:
 * returns false when out of range; err 1: raises RangeError instead and does not clamp
 * the end. */
static bool rng_beg_len(VM *vm, VALUE rng, long len, long *begp, long *lenp, int err) {
  VALUE b = RRANGE(rng)->beg, e = RRANGE(rng)->end;
  bool excl = (RBASIC(rng)->flags & FL_EXCL) != 0;
  long beg = NIL_P(b) ? 0 : num(vm, b);
  long end = NIL_P(e) ? -1 : num(vm, e);
  if (NIL_P(e)) excl = false;
  if (beg < 0) {
    beg += len;
    if (beg < 0) goto out_of_range;
  }
  if (end < 0) end += len;
  if (!excl) end++;
  if (err == 0) {
    if (beg > len) goto out_of_range;
    if (end > len) end = len;
  }
  *begp = beg;
  *lenp = end - beg < 0 ? 0 : end - beg;
  return true;
out_of_range:
  if (err) kn_raise(vm, vm->eRangeError, "%s out of range", kn_str_cstr(vm, kn_inspect(vm, rng)));
  return false;
}

static VALUE first_arg_or_hash(int *argc, VALUE *argv) {
  /* drop a trailing keywords Hash (random: ...), which we ignore */
  if (*argc > 0 && kn_is_type(argv[*argc - 1], T_HASH)) { (*argc)--; return argv[*argc]; }
  return Qnil;
}

/* ---- recursion guard (inspect, join, ==, hash, <=>) -------------------------------------- */
/* A stack of (obj, paired obj, kind) triples in a hidden global, popped on every exit path. */
enum { G_INSPECT = 1, G_JOIN, G_EQ, G_EQL, G_HASH, G_CMP };

typedef VALUE (*GuardFn)(VM *vm, VALUE obj, VALUE other, void *arg);

static VALUE guard_stack(VM *vm) {
  ID id = kn_intern(vm, "__kiln_ary_guard");
  VALUE st = kn_gvar_get(vm, id);
  if (!kn_is_type(st, T_ARRAY)) {
    st = kn_ary_new(vm);
    kn_gvar_set(vm, id, st);
  }
  return st;
}

/* Runs fn(obj, other, arg) unless (obj, other, kind) is already being processed; then
 * returns Qundef. */
static VALUE guarded(VM *vm, int kind, VALUE obj, VALUE other, GuardFn fn, void *arg) {
  VALUE st = guard_stack(vm);
  long n = LEN(st);
  for (long i = 0; i + 2 < n; i += 3)
    if (PTR(st)[i] == obj && PTR(st)[i + 1] == other && PTR(st)[i + 2] == INT2FIX(kind)) return Qundef;
  kn_ary_push(vm, st, obj);
  kn_ary_push(vm, st, other);
  kn_ary_push(vm, st, INT2FIX(kind));
  volatile VALUE vst = st;
  volatile long vn = n;
  volatile VALUE r = Qnil;
  KN_TRY(vm) {
    r = fn(vm, obj, other, arg);
  } KN_CATCH(vm) {
    if (RARRAY(vst)->len > vn) RARRAY(vst)->len = vn;
    kn_jump(vm, kn_tag, vm->errinfo);
  } KN_END(vm);
  if (RARRAY(vst)->len > vn) RARRAY(vst)->len = vn;
  return r;
}

/* Whether an element could lead back to an array being processed. */
static bool may_recurse(VALUE a) {
  long n = LEN(a);
  for (long i = 0; i < n; i++) {
    VALUE v = PTR(a)[i];
    if (SPECIAL_CONST_P(v)) continue;
    ValueType t = KN_BUILTIN_TYPE(v);
    if (t == T_STRING || t == T_FLOAT || t == T_BIGNUM) continue;
    return true;
  }
  return false;
}

/* ---- comparison helpers ----------------------------------------------------------------- */

_Noreturn static void cmp_failed(VM *vm, VALUE a, VALUE b) { kn_cmperr(vm, a, b); }

/* a <=> b as -1/0/1 with fast paths (CRuby's OPTIMIZED_CMP). */
static int opt_cmp(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return (intptr_t)a < (intptr_t)b ? -1 : a != b;
  if (kn_float_p(a) && kn_float_p(b)) {
    double x = kn_float_value(a), y = kn_float_value(b);
    if (x < y) return -1;
    if (x > y) return 1;
    if (x == y) return 0;
  }
  return kn_cmp(vm, a, b);
}

/* Interprets the result r of a comparison block for (a, b) (CRuby's rb_cmpint). */
static int cmpint(VM *vm, VALUE r, VALUE a, VALUE b) {
  if (NIL_P(r)) cmp_failed(vm, a, b);
  if (FIXNUM_P(r)) { intptr_t n = FIX2LONG(r); return n < 0 ? -1 : n > 0; }
  if (kn_is_type(r, T_BIGNUM)) return mpz_sgn(RBIGNUM(r)->mp);
  VALUE zero = INT2FIX(0);
  if (RTEST(kn_funcall(vm, r, vm->id_gt, 1, &zero))) return 1;
  if (RTEST(kn_funcall(vm, r, vm->id_lt, 1, &zero))) return -1;
  return 0;
}

static int block_cmp(VM *vm, VALUE blk, VALUE a, VALUE b) {
  VALUE args[2] = {a, b};
  return cmpint(vm, kn_yield(vm, blk, 2, args), a, b);
}

/* ---- stable merge sort over VALUEs -------------------------------------------------------- */

typedef int (*SortCmp)(VM *vm, VALUE a, VALUE b, void *ctx);

static void msort_rec(VM *vm, VALUE *a, VALUE *tmp, long n, SortCmp cmp, void *ctx) {
  if (n <= 8) {
    for (long i = 1; i < n; i++) {
      VALUE v = a[i];
      long j = i;
      while (j > 0 && cmp(vm, a[j - 1], v, ctx) > 0) { a[j] = a[j - 1]; j--; }
      a[j] = v;
    }
    return;
  }
  long h = n / 2;
  msort_rec(vm, a, tmp, h, cmp, ctx);
  msort_rec(vm, a + h, tmp, n - h, cmp, ctx);
  if (cmp(vm, a[h - 1], a[h], ctx) <= 0) return;
  memcpy(tmp, a, (size_t)h * sizeof(VALUE));
  long i = 0, j = h, k = 0;
  while (i < h && j < n) {
    if (cmp(vm, a[j], tmp[i], ctx) < 0) a[k++] = a[j++];
    else a[k++] = tmp[i++];
  }
  while (i < h) a[k++] = tmp[i++];
}

/* Sorts the (private, GC-visible) array buf in place. */
static void sort_values(VM *vm, VALUE buf, SortCmp cmp, void *ctx) {
  long n = LEN(buf);
  if (n < 2) return;
  /* tmp holds half of the elements during a merge; it is kept full of valid VALUEs (and
   * marked) because a comparison block may run the GC while an element lives only there */
  long tn = n / 2 + 1;
  VALUE tmp = ary_alloc(vm, vm->cArray, tn);
  for (long i = 0; i < tn; i++) PTR(tmp)[i] = Qnil;
  RARRAY(tmp)->len = tn;
  msort_rec(vm, PTR(buf), PTR(tmp), n, cmp, ctx);
  keep_alive(tmp);
  keep_alive(buf);
}

static int sort_cmp_default(VM *vm, VALUE a, VALUE b, void *ctx) { (void)ctx; return opt_cmp(vm, a, b); }
static int sort_cmp_block(VM *vm, VALUE a, VALUE b, void *ctx) { return block_cmp(vm, *(VALUE *)ctx, a, b); }

/* keys[] sorted through an index array: ctx is the keys Array */
static int sort_cmp_keys(VM *vm, VALUE a, VALUE b, void *ctx) {
  VALUE keys = *(VALUE *)ctx;
  return opt_cmp(vm, PTR(keys)[FIX2LONG(a)], PTR(keys)[FIX2LONG(b)]);
}

/* ---- creation -------------------------------------------------------------------------- */

static VALUE ary_s_create(ARGS) {
  UNUSED;
  VALUE a = kn_ary_new_from(vm, argc, argv);
  RBASIC(a)->klass = self;
  return a;
}

static VALUE ary_s_try_convert(ARGS) { UNUSED; return kn_check_array(vm, argv[0]); }

static VALUE ary_initialize(ARGS) {
  UNUSED;
  modify(vm, self);
  if (argc == 0) { RARRAY(self)->len = 0; return self; }
  if (argc == 1 && !FIXNUM_P(argv[0])) {
    VALUE src = kn_check_array(vm, argv[0]);
    if (!NIL_P(src)) { ary_replace_with(vm, self, PTR(src), LEN(src)); return self; }
  }
  long n = num(vm, argv[0]);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "negative array size");
  if (n > ARY_MAX) kn_raise(vm, vm->eArgumentError, "array size too big");
  RARRAY(self)->len = 0;
  if (!NIL_P(blk)) {
    for (long i = 0; i < n; i++) {
      VALUE v = kn_yield1(vm, blk, INT2FIX(i));
      kn_ary_store(vm, self, i, v);
    }
    return self;
  }
  VALUE fill = argc > 1 ? argv[1] : Qnil;
  ary_reserve(vm, self, n);
  for (long i = 0; i < n; i++) PTR(self)[i] = fill;
  RARRAY(self)->len = n;
  return self;
}

static VALUE ary_replace(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE o = to_ary(vm, argv[0]);
  if (o == self) return self;
  ary_replace_with(vm, self, PTR(o), LEN(o));
  return self;
}

/* ---- element access ------------------------------------------------------------------------ */

static VALUE aref1(VM *vm, VALUE self, VALUE arg) {
  if (FIXNUM_P(arg)) return kn_ary_entry(self, FIX2LONG(arg));
  if (kn_is_type(arg, T_RANGE)) {
    long beg, len;
    if (!rng_beg_len(vm, arg, LEN(self), &beg, &len, 0)) return Qnil;
    return subseq(vm, self, beg, len);
  }
  return kn_ary_entry(self, num(vm, arg));
}

static VALUE ary_aref(ARGS) {
  UNUSED;
  if (argc == 1) return aref1(vm, self, argv[0]);
  long beg = num(vm, argv[0]), len = num(vm, argv[1]);
  if (beg < 0) beg += LEN(self);
  return subseq(vm, self, beg, len);
}

static VALUE ary_at(ARGS) { UNUSED; return kn_ary_entry(self, num(vm, argv[0])); }

static VALUE ary_fetch(ARGS) {
  UNUSED;
  long idx = num(vm, argv[0]), i = idx, n = LEN(self);
  if (i < 0) i += n;
  if (i < 0 || i >= n) {
    if (!NIL_P(blk)) return kn_yield1(vm, blk, argv[0]);
    if (argc > 1) return argv[1];
    kn_raise(vm, vm->eIndexError, "index %ld outside of array bounds: %ld...%ld", idx, -n, n);
  }
  return PTR(self)[i];
}

static VALUE ary_dig(ARGS) {
  UNUSED;
  VALUE v = kn_ary_entry(self, num(vm, argv[0]));
  if (argc == 1 || NIL_P(v)) return v;
  ID dig = kn_intern(vm, "dig");
  if (!kn_respond_to(vm, v, dig, true))
    kn_raise(vm, vm->eTypeError, "%s does not have #dig method", kn_obj_classname(vm, v));
  return kn_funcall(vm, v, dig, argc - 1, argv + 1);
}

static VALUE ary_first(ARGS) {
  UNUSED;
  if (argc == 0) return LEN(self) ? PTR(self)[0] : Qnil;
  long n = num(vm, argv[0]);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "negative array size");
  if (n > LEN(self)) n = LEN(self);
  return kn_ary_new_from(vm, n, PTR(self));
}

static VALUE ary_last(ARGS) {
  UNUSED;
  long len = LEN(self);
  if (argc == 0) return len ? PTR(self)[len - 1] : Qnil;
  long n = num(vm, argv[0]);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "negative array size");
  if (n > len) n = len;
  return kn_ary_new_from(vm, n, PTR(self) + len - n);
}

static VALUE ary_values_at(ARGS) {
  UNUSED;
  VALUE r = kn_ary_new(vm);
  for (int i = 0; i < argc; i++) {
    if (FIXNUM_P(argv[i])) { kn_ary_push(vm, r, kn_ary_entry(self, FIX2LONG(argv[i]))); continue; }
    if (kn_is_type(argv[i], T_RANGE)) {
      long beg, len;
      if (rng_beg_len(vm, argv[i], LEN(self), &beg, &len, 1)) {
        for (long j = 0; j < len; j++) {
          long n = LEN(self);
          kn_ary_push(vm, r, beg + j < n ? PTR(self)[beg + j] : Qnil);
        }
      }
      continue;
    }
    kn_ary_push(vm, r, kn_ary_entry(self, num(vm, argv[i])));
  }
  return r;
}

/* ---- []= ------------------------------------------------------------------------------------- */

static void splice_value(VM *vm, VALUE self, long beg, long len, VALUE val) {
  VALUE rpl = check_ary(vm, val);
  if (NIL_P(rpl)) { ary_splice(vm, self, beg, len, &val, 1); return; }
  if (rpl == self) rpl = kn_ary_dup(vm, rpl);
  ary_splice(vm, self, beg, len, PTR(rpl), LEN(rpl));
  keep_alive(rpl);
}

static VALUE ary_aset(ARGS) {
  UNUSED;
  modify(vm, self);
  if (argc == 3) {
    long beg = num(vm, argv[0]), len = num(vm, argv[1]), n = LEN(self);
    if (len < 0) kn_raise(vm, vm->eIndexError, "negative length (%ld)", len);
    if (beg < 0) {
      if (beg + n < 0) kn_raise(vm, vm->eIndexError, "index %ld too small for array; minimum: -%ld", beg, n);
      beg += n;
    }
    splice_value(vm, self, beg, len, argv[2]);
    return argv[2];
  }
  VALUE idx = argv[0];
  if (FIXNUM_P(idx)) { kn_ary_store(vm, self, FIX2LONG(idx), argv[1]); return argv[1]; }
  if (kn_is_type(idx, T_RANGE)) {
    long beg, len;
    rng_beg_len(vm, idx, LEN(self), &beg, &len, 1);
    splice_value(vm, self, beg, len, argv[1]);
    return argv[1];
  }
  kn_ary_store(vm, self, num(vm, idx), argv[1]);
  return argv[1];
}

/* ---- adding and removing ------------------------------------------------------------------------ */

static VALUE ary_push_m(ARGS) {
  UNUSED;
  modify(vm, self);
  long len = LEN(self);
  ary_reserve(vm, self, len + argc);
  for (int i = 0; i < argc; i++) PTR(self)[len + i] = argv[i];
  RARRAY(self)->len = len + argc;
  return self;
}

static VALUE ary_ltlt(ARGS) {
  UNUSED;
  modify(vm, self);
  return kn_ary_push(vm, self, argv[0]);
}

static VALUE ary_pop_m(ARGS) {
  UNUSED;
  modify(vm, self);
  if (argc == 0) return kn_ary_pop(vm, self);
  long n = num(vm, argv[0]), len = LEN(self);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "negative array size");
  if (n > len) n = len;
  VALUE r = kn_ary_new_from(vm, n, PTR(self) + len - n);
  RARRAY(self)->len = len - n;
  return r;
}

static VALUE ary_shift_m(ARGS) {
  UNUSED;
  modify(vm, self);
  long len = LEN(self), n;
  VALUE r;
  if (argc == 0) {
    if (len == 0) return Qnil;
    r = PTR(self)[0];
    n = 1;
  } else {
    n = num(vm, argv[0]);
    if (n < 0) kn_raise(vm, vm->eArgumentError, "negative array size");
    if (n > len) n = len;
    r = kn_ary_new_from(vm, n, PTR(self));
  }
  /* O(len) per shift: object.h has no room for a start offset (ptr must stay the malloc
   * base for the GC), so elements are moved down. */
  memmove(PTR(self), PTR(self) + n, (size_t)(len - n) * sizeof(VALUE));
  RARRAY(self)->len = len - n;
  ary_maybe_shrink(self);
  return r;
}

static VALUE ary_unshift(ARGS) {
  UNUSED;
  modify(vm, self);
  if (argc == 0) return self;
  ary_splice(vm, self, 0, 0, argv, argc);
  return self;
}

static VALUE ary_insert(ARGS) {
  UNUSED;
  modify(vm, self);
  long pos = num(vm, argv[0]), len = LEN(self);
  if (argc == 1) return self;
  if (pos == -1) pos = len;
  else if (pos < 0) {
    if (pos < -len - 1) kn_raise(vm, vm->eIndexError, "index %ld too small for array; minimum: %ld", pos, -len - 1);
    pos += len + 1;
  }
  ary_splice(vm, self, pos, 0, argv + 1, argc - 1);
  return self;
}

static VALUE ary_concat_m(ARGS) {
  UNUSED;
  modify(vm, self);
  if (argc == 1) {
    VALUE o = to_ary(vm, argv[0]);
    kn_ary_concat(vm, self, o);
    return self;
  }
  VALUE all = kn_ary_new(vm);
  for (int i = 0; i < argc; i++) kn_ary_concat(vm, all, to_ary(vm, argv[i]));
  kn_ary_concat(vm, self, all);
  return self;
}

static VALUE ary_clear(ARGS) {
  UNUSED;
  modify(vm, self);
  RARRAY(self)->len = 0;
  ary_maybe_shrink(self);
  return self;
}

static VALUE ary_delete(ARGS) {
  UNUSED;
  VALUE item = argv[0], found = Qundef;
  long j = 0;
  for (long i = 0; i < LEN(self); i++) {
    VALUE e = PTR(self)[i];
    if (kn_equal(vm, e, item)) {
      modify(vm, self);
      found = e;
      continue;
    }
    if (i != j && j < LEN(self)) PTR(self)[j] = e;
    j++;
  }
  if (found == Qundef) return NIL_P(blk) ? Qnil : kn_yield1(vm, blk, item);
  if (j < LEN(self)) RARRAY(self)->len = j;
  return found;
}

static VALUE delete_at(VM *vm, VALUE self, long pos) {
  long len = LEN(self);
  if (pos < 0) pos += len;
  if (pos < 0 || pos >= len) return Qnil;
  modify(vm, self);
  VALUE v = PTR(self)[pos];
  memmove(PTR(self) + pos, PTR(self) + pos + 1, (size_t)(len - pos - 1) * sizeof(VALUE));
  RARRAY(self)->len = len - 1;
  return v;
}

static VALUE ary_delete_at(ARGS) {
  UNUSED;
  return delete_at(vm, self, num(vm, argv[0]));
}

static VALUE ary_slice_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  long len = LEN(self), beg, n;
  if (argc == 2) {
    beg = num(vm, argv[0]);
    n = num(vm, argv[1]);
    if (beg < 0) beg += len;
    if (beg < 0 || beg > len || n < 0) return Qnil;
  } else if (kn_is_type(argv[0], T_RANGE)) {
    if (!rng_beg_len(vm, argv[0], len, &beg, &n, 0)) return Qnil;
  } else {
    return delete_at(vm, self, num(vm, argv[0]));
  }
  if (n > len - beg) n = len - beg;
  VALUE r = kn_ary_new_from(vm, n, PTR(self) + beg);
  ary_splice(vm, self, beg, n, NULL, 0);
  return r;
}

static VALUE ary_compact(ARGS) {
  UNUSED;
  VALUE r = kn_ary_new_capa(vm, LEN(self));
  for (long i = 0; i < LEN(self); i++)
    if (!NIL_P(PTR(self)[i])) kn_ary_push(vm, r, PTR(self)[i]);
  return r;
}

static VALUE ary_compact_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  long j = 0, len = LEN(self);
  for (long i = 0; i < len; i++)
    if (!NIL_P(PTR(self)[i])) PTR(self)[j++] = PTR(self)[i];
  if (j == len) return Qnil;
  RARRAY(self)->len = j;
  return self;
}

/* ---- size and predicates --------------------------------------------------------------- */

static VALUE ary_length(ARGS) { UNUSED; return INT2FIX(LEN(self)); }
static VALUE ary_empty_p(ARGS) { UNUSED; return KN_BOOL(LEN(self) == 0); }

static VALUE ary_include_p(ARGS) {
  UNUSED;
  for (long i = 0; i < LEN(self); i++)
    if (kn_equal(vm, PTR(self)[i], argv[0])) return Qtrue;
  return Qfalse;
}

/* ---- iteration ------------------------------------------------------------------------------ */

static VALUE ary_each(ARGS) {
  UNUSED;
  RETURN_ENUM("each");
  for (long i = 0; i < LEN(self); i++) kn_yield1(vm, blk, PTR(self)[i]);
  return self;
}

static VALUE ary_each_index(ARGS) {
  UNUSED;
  RETURN_ENUM("each_index");
  for (long i = 0; i < LEN(self); i++) kn_yield1(vm, blk, INT2FIX(i));
  return self;
}

static VALUE ary_each_with_index(ARGS) {
  UNUSED;
  RETURN_ENUM("each_with_index");
  for (long i = 0; i < LEN(self); i++) {
    VALUE args[2] = {PTR(self)[i], INT2FIX(i)};
    kn_yield(vm, blk, 2, args);
  }
  return self;
}

static VALUE ary_reverse_each(ARGS) {
  UNUSED;
  RETURN_ENUM("reverse_each");
  long i = LEN(self);
  while (i-- > 0) {
    kn_yield1(vm, blk, PTR(self)[i]);
    if (i > LEN(self)) i = LEN(self);
  }
  return self;
}

static VALUE ary_map(ARGS) {
  UNUSED;
  RETURN_ENUM("map");
  VALUE r = kn_ary_new_capa(vm, LEN(self));
  for (long i = 0; i < LEN(self); i++) kn_ary_push(vm, r, kn_yield1(vm, blk, PTR(self)[i]));
  return r;
}

static VALUE ary_map_bang(ARGS) {
  UNUSED;
  RETURN_ENUM("map!");
  modify(vm, self);
  for (long i = 0; i < LEN(self); i++) {
    VALUE v = kn_yield1(vm, blk, PTR(self)[i]);
    modify(vm, self);
    if (i < LEN(self)) PTR(self)[i] = v;
  }
  return self;
}

static VALUE ary_select(ARGS) {
  UNUSED;
  RETURN_ENUM("select");
  VALUE r = kn_ary_new(vm);
  for (long i = 0; i < LEN(self); i++) {
    VALUE v = PTR(self)[i];
    if (RTEST(kn_yield1(vm, blk, v))) kn_ary_push(vm, r, v);
  }
  return r;
}

static VALUE ary_reject(ARGS) {
  UNUSED;
  RETURN_ENUM("reject");
  VALUE r = kn_ary_new(vm);
  for (long i = 0; i < LEN(self); i++) {
    VALUE v = PTR(self)[i];
    if (!RTEST(kn_yield1(vm, blk, v))) kn_ary_push(vm, r, v);
  }
  return r;
}

/* In-place filter: keeps elements whose block result is `keep`. Elements are compacted as
 * we go, so a block that raises or breaks leaves a consistent array. Returns whether
 * anything was removed. */
static bool filter_in_place(VM *vm, VALUE self, VALUE blk, bool keep) {
  long i = 0, j = 0;
  for (; i < LEN(self); i++) {
    VALUE v = PTR(self)[i];
    bool t = RTEST(kn_yield1(vm, blk, v));
    modify(vm, self);
    if (t == keep) {
      if (j < LEN(self)) PTR(self)[j] = v;
      j++;
    }
  }
  if (j >= LEN(self)) return false;
  RARRAY(self)->len = j;
  return true;
}

static VALUE ary_select_bang(ARGS) {
  UNUSED;
  RETURN_ENUM("select!");
  modify(vm, self);
  return filter_in_place(vm, self, blk, true) ? self : Qnil;
}
static VALUE ary_keep_if(ARGS) {
  UNUSED;
  RETURN_ENUM("keep_if");
  modify(vm, self);
  filter_in_place(vm, self, blk, true);
  return self;
}
static VALUE ary_reject_bang(ARGS) {
  UNUSED;
  RETURN_ENUM("reject!");
  modify(vm, self);
  return filter_in_place(vm, self, blk, false) ? self : Qnil;
}
static VALUE ary_delete_if(ARGS) {
  UNUSED;
  RETURN_ENUM("delete_if");
  modify(vm, self);
  filter_in_place(vm, self, blk, false);
  return self;
}

static VALUE ary_index(ARGS) {
  UNUSED;
  if (argc == 0) {
    RETURN_ENUM("index");
    for (long i = 0; i < LEN(self); i++)
      if (RTEST(kn_yield1(vm, blk, PTR(self)[i]))) return INT2FIX(i);
    return Qnil;
  }
  for (long i = 0; i < LEN(self); i++)
    if (kn_equal(vm, PTR(self)[i], argv[0])) return INT2FIX(i);
  return Qnil;
}

static VALUE ary_rindex(ARGS) {
  UNUSED;
  long i = LEN(self);
  if (argc == 0) {
    RETURN_ENUM("rindex");
    while (i-- > 0) {
      if (RTEST(kn_yield1(vm, blk, PTR(self)[i]))) return INT2FIX(i);
      if (i > LEN(self)) i = LEN(self);
    }
    return Qnil;
  }
  while (i-- > 0) {
    if (i >= LEN(self)) { i = LEN(self); continue; }
    if (kn_equal(vm, PTR(self)[i], argv[0])) return INT2FIX(i);
  }
  return Qnil;
}

static VALUE ary_count(ARGS) {
  UNUSED;
  long c = 0;
  if (argc > 0) {
    for (long i = 0; i < LEN(self); i++) if (kn_equal(vm, PTR(self)[i], argv[0])) c++;
  } else if (!NIL_P(blk)) {
    for (long i = 0; i < LEN(self); i++) if (RTEST(kn_yield1(vm, blk, PTR(self)[i]))) c++;
  } else {
    c = LEN(self);
  }
  return INT2FIX(c);
}

static VALUE ary_cycle(ARGS) {
  UNUSED;
  RETURN_ENUM("cycle");
  long n = -1;
  if (argc > 0 && !NIL_P(argv[0])) {
    n = num(vm, argv[0]);
    if (n <= 0) return Qnil;
  }
  while (LEN(self) > 0 && (n < 0 || n-- > 0))
    for (long i = 0; i < LEN(self); i++) kn_yield1(vm, blk, PTR(self)[i]);
  return Qnil;
}

/* ---- take / drop -------------------------------------------------------------------------- */

static VALUE ary_take(ARGS) {
  UNUSED;
  long n = num(vm, argv[0]);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "attempt to take negative size");
  if (n > LEN(self)) n = LEN(self);
  return kn_ary_new_from(vm, n, PTR(self));
}

static VALUE ary_drop(ARGS) {
  UNUSED;
  long n = num(vm, argv[0]);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "attempt to drop negative size");
  if (n > LEN(self)) n = LEN(self);
  return kn_ary_new_from(vm, LEN(self) - n, PTR(self) + n);
}

static VALUE ary_take_while(ARGS) {
  UNUSED;
  RETURN_ENUM("take_while");
  long i = 0;
  for (; i < LEN(self); i++)
    if (!RTEST(kn_yield1(vm, blk, PTR(self)[i]))) break;
  if (i > LEN(self)) i = LEN(self);
  return kn_ary_new_from(vm, i, PTR(self));
}

static VALUE ary_drop_while(ARGS) {
  UNUSED;
  RETURN_ENUM("drop_while");
  long i = 0;
  for (; i < LEN(self); i++)
    if (!RTEST(kn_yield1(vm, blk, PTR(self)[i]))) break;
  if (i > LEN(self)) i = LEN(self);
  return kn_ary_new_from(vm, LEN(self) - i, PTR(self) + i);
}

/* ---- predicates with patterns ---------------------------------------------------------------- */

static bool test_elem(VM *vm, int argc, VALUE *argv, VALUE blk, VALUE v) {
  if (argc > 0) return RTEST(kn_funcall(vm, argv[0], vm->id_eqq, 1, &v));
  if (!NIL_P(blk)) return RTEST(kn_yield1(vm, blk, v));
  return RTEST(v);
}

static VALUE ary_any_p(ARGS) {
  UNUSED;
  for (long i = 0; i < LEN(self); i++)
    if (test_elem(vm, argc, argv, blk, PTR(self)[i])) return Qtrue;
  return Qfalse;
}
static VALUE ary_all_p(ARGS) {
  UNUSED;
  for (long i = 0; i < LEN(self); i++)
    if (!test_elem(vm, argc, argv, blk, PTR(self)[i])) return Qfalse;
  return Qtrue;
}
static VALUE ary_none_p(ARGS) {
  UNUSED;
  for (long i = 0; i < LEN(self); i++)
    if (test_elem(vm, argc, argv, blk, PTR(self)[i])) return Qfalse;
  return Qtrue;
}
static VALUE ary_one_p(ARGS) {
  UNUSED;
  long c = 0;
  for (long i = 0; i < LEN(self); i++)
    if (test_elem(vm, argc, argv, blk, PTR(self)[i]) && ++c > 1) return Qfalse;
  return KN_BOOL(c == 1);
}

/* ---- reduction ----------------------------------------------------------------------------------- */

static VALUE binop(VM *vm, VALUE a, ID op, VALUE b) {
  if (op == vm->id_plus && FIXNUM_P(a) && FIXNUM_P(b)) return kn_int_new(vm, FIX2LONG(a) + FIX2LONG(b));
  return kn_funcall_public(vm, a, op, 1, &b, Qnil);
}

static ID to_op(VM *vm, VALUE v) {
  if (SYMBOL_P(v)) return SYM2ID(v);
  VALUE s = kn_check_convert(vm, v, T_STRING, vm->id_to_str);
  if (NIL_P(s)) kn_raise(vm, vm->eTypeError, "%s is not a symbol nor a string", kn_str_cstr(vm, kn_inspect(vm, v)));
  return SYM2ID(kn_str_intern(vm, s));
}

static VALUE ary_inject(ARGS) {
  UNUSED;
  VALUE acc = Qundef;
  ID op = 0;
  long i = 0;
  if (argc == 2) { acc = argv[0]; op = to_op(vm, argv[1]); }
  else if (argc == 1 && NIL_P(blk)) op = to_op(vm, argv[0]);
  else if (argc == 1) acc = argv[0];
  else if (NIL_P(blk)) kn_raise(vm, vm->eLocalJumpError, "no block given");
  if (acc == Qundef) {
    if (LEN(self) == 0) return Qnil;
    acc = PTR(self)[0];
    i = 1;
  }
  for (; i < LEN(self); i++) {
    VALUE v = PTR(self)[i];
    if (op) acc = binop(vm, acc, op, v);
    else { VALUE args[2] = {acc, v}; acc = kn_yield(vm, blk, 2, args); }
  }
  return acc;
}

/* Array#sum, as CRuby 3.1 computes it: Integers are summed exactly (the init value is
 * added last, as n + init); from the first Float on, a Kahan-Babuska compensated sum;
 * from the first other value on, plain `+`. */
typedef struct SumState { int mode; VALUE v; long n; double f, c; } SumState;
enum { SUM_EXACT, SUM_FLOAT, SUM_GENERIC };

/* Folds the exact partial sum into v; z: also when it is 0 (so that init sees `0 + init`). */
static void sum_finish_exact(VM *vm, SumState *s, bool z) {
  if (s->n != 0) s->v = binop(vm, kn_int_new(vm, s->n), vm->id_plus, s->v);
  else if (z) s->v = binop(vm, INT2FIX(0), vm->id_plus, s->v);
  s->n = 0;
}

static void sum_add(VM *vm, SumState *s, VALUE e, bool not_first) {
  if (s->mode == SUM_EXACT) {
    if (FIXNUM_P(e)) {
      s->n += FIX2LONG(e); /* |n| < 2^62 before, so no C overflow */
      if (!FIXABLE(s->n)) { s->v = binop(vm, kn_int_new(vm, s->n), vm->id_plus, s->v); s->n = 0; }
      return;
    }
    if (kn_is_type(e, T_BIGNUM)) { s->v = binop(vm, e, vm->id_plus, s->v); return; }
    sum_finish_exact(vm, s, not_first);
    if (kn_float_p(e)) { s->mode = SUM_FLOAT; s->f = kn_num2dbl(vm, s->v); s->c = 0.0; }
    else s->mode = SUM_GENERIC;
  }
  if (s->mode == SUM_FLOAT) {
    double x;
    if (kn_float_p(e)) x = kn_float_value(e);
    else if (FIXNUM_P(e)) x = (double)FIX2LONG(e);
    else if (kn_is_type(e, T_BIGNUM)) x = mpz_get_d(RBIGNUM(e)->mp);
    else {
      s->v = kn_float_new(vm, s->f); /* the compensation is dropped, as CRuby does */
      s->mode = SUM_GENERIC;
      goto generic;
    }
    double f = s->f;
    if (isnan(f)) return;
    if (isnan(x)) { s->f = x; return; }
    if (isinf(x)) {
      if (isinf(f) && signbit(x) != signbit(f)) s->f = NAN;
      else s->f = x;
      return;
    }
    if (isinf(f)) return;
    double t = f + x;
    if (fabs(f) >= fabs(x)) s->c += (f - t) + x;
    else s->c += (x - t) + f;
    s->f = t;
    return;
  }
generic:
  s->v = binop(vm, s->v, vm->id_plus, e);
}

static VALUE ary_sum(ARGS) {
  UNUSED;
  VALUE init = argc > 0 ? argv[0] : INT2FIX(0);
  if (LEN(self) == 0) return init;
  SumState s = {SUM_EXACT, init, 0, 0.0, 0.0};
  for (long i = 0; i < LEN(self); i++) {
    VALUE e = PTR(self)[i];
    if (!NIL_P(blk)) e = kn_yield1(vm, blk, e);
    sum_add(vm, &s, e, i != 0);
  }
  if (s.mode == SUM_EXACT) sum_finish_exact(vm, &s, argc != 0);
  else if (s.mode == SUM_FLOAT) return kn_float_new(vm, s.f + s.c);
  return s.v;
}

/* ---- min / max ------------------------------------------------------------------------------------- */

/* the n smallest (sign 1) or largest (sign -1) elements, sorted */
static VALUE ary_nmin(VM *vm, VALUE self, long n, VALUE blk, int sign) {
  if (n < 0) kn_raise(vm, vm->eArgumentError, "negative size (%ld)", n);
  VALUE buf = kn_ary_dup(vm, self);
  VALUE ctx = blk;
  if (sign > 0) sort_values(vm, buf, NIL_P(blk) ? sort_cmp_default : sort_cmp_block, &ctx);
  else {
    /* descending, stable with respect to the original order of equal elements */
    long len = LEN(buf);
    for (long i = 0; i < len / 2; i++) { VALUE t = PTR(buf)[i]; PTR(buf)[i] = PTR(buf)[len - 1 - i]; PTR(buf)[len - 1 - i] = t; }
    sort_values(vm, buf, NIL_P(blk) ? sort_cmp_default : sort_cmp_block, &ctx);
    for (long i = 0; i < len / 2; i++) { VALUE t = PTR(buf)[i]; PTR(buf)[i] = PTR(buf)[len - 1 - i]; PTR(buf)[len - 1 - i] = t; }
  }
  if (n < LEN(buf)) RARRAY(buf)->len = n;
  return buf;
}

static VALUE ary_min(ARGS) {
  UNUSED;
  if (argc > 0 && !NIL_P(argv[0])) return ary_nmin(vm, self, num(vm, argv[0]), blk, 1);
  if (LEN(self) == 0) return Qnil;
  VALUE r = PTR(self)[0];
  for (long i = 1; i < LEN(self); i++) {
    VALUE v = PTR(self)[i];
    if (NIL_P(blk) ? opt_cmp(vm, r, v) > 0 : block_cmp(vm, blk, v, r) < 0) r = v;
  }
  return r;
}

static VALUE ary_max(ARGS) {
  UNUSED;
  if (argc > 0 && !NIL_P(argv[0])) return ary_nmin(vm, self, num(vm, argv[0]), blk, -1);
  if (LEN(self) == 0) return Qnil;
  VALUE r = PTR(self)[0];
  for (long i = 1; i < LEN(self); i++) {
    VALUE v = PTR(self)[i];
    if (NIL_P(blk) ? opt_cmp(vm, r, v) < 0 : block_cmp(vm, blk, v, r) > 0) r = v;
  }
  return r;
}

/* Without a block: [min, max] (CRuby compares current <=> candidate). With one, the
 * pairwise algorithm of Enumerable#minmax, so the block sees the same calls as in CRuby. */
static void minmax_update(VM *vm, VALUE blk, VALUE i, VALUE j, VALUE *lo, VALUE *hi) {
  if (*lo == Qundef) { *lo = i; *hi = j; return; }
  if (block_cmp(vm, blk, i, *lo) < 0) *lo = i;
  if (block_cmp(vm, blk, j, *hi) > 0) *hi = j;
}

static VALUE ary_minmax(ARGS) {
  UNUSED;
  if (NIL_P(blk)) return kn_ary_new_values(vm, 2, ary_min(vm, self, 0, NULL, Qnil), ary_max(vm, self, 0, NULL, Qnil));
  VALUE lo = Qundef, hi = Qundef, last = Qundef;
  for (long k = 0; k < LEN(self); k++) {
    VALUE i = PTR(self)[k];
    if (last == Qundef) { last = i; continue; }
    VALUE j = last;
    last = Qundef;
    int n = block_cmp(vm, blk, j, i);
    if (n == 0) i = j;
    else if (n < 0) { VALUE t = i; i = j; j = t; }
    minmax_update(vm, blk, i, j, &lo, &hi);
  }
  if (last != Qundef) minmax_update(vm, blk, last, last, &lo, &hi);
  if (lo == Qundef) lo = hi = Qnil;
  return kn_ary_new_values(vm, 2, lo, hi);
}

/* ---- sorting --------------------------------------------------------------------------------------- */

static VALUE ary_sort(ARGS) {
  UNUSED;
  VALUE buf = kn_ary_dup(vm, self);
  VALUE ctx = blk;
  sort_values(vm, buf, NIL_P(blk) ? sort_cmp_default : sort_cmp_block, &ctx);
  return buf;
}

static VALUE ary_sort_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE buf = ary_sort(vm, self, argc, argv, blk);
  modify(vm, self);
  ary_replace_with(vm, self, PTR(buf), LEN(buf));
  keep_alive(buf);
  return self;
}

/* values sorted by keys (both Arrays of the same length), stable */
static VALUE sort_by_keys(VM *vm, VALUE vals, VALUE keys) {
  long n = LEN(keys);
  VALUE idx = kn_ary_new_capa(vm, n);
  for (long i = 0; i < n; i++) PTR(idx)[i] = INT2FIX(i);
  RARRAY(idx)->len = n;
  VALUE ctx = keys;
  sort_values(vm, idx, sort_cmp_keys, &ctx);
  VALUE r = kn_ary_new_capa(vm, n);
  for (long i = 0; i < n; i++) {
    long j = FIX2LONG(PTR(idx)[i]);
    PTR(r)[i] = j < LEN(vals) ? PTR(vals)[j] : Qnil;
  }
  RARRAY(r)->len = n;
  keep_alive(keys);
  return r;
}

static VALUE ary_sort_by(ARGS) {
  UNUSED;
  RETURN_ENUM("sort_by");
  VALUE vals = kn_ary_dup(vm, self);
  VALUE keys = kn_ary_new_capa(vm, LEN(vals));
  for (long i = 0; i < LEN(vals); i++) kn_ary_push(vm, keys, kn_yield1(vm, blk, PTR(vals)[i]));
  return sort_by_keys(vm, vals, keys);
}

static VALUE ary_sort_by_bang(ARGS) {
  UNUSED;
  RETURN_ENUM("sort_by!");
  modify(vm, self);
  VALUE r = ary_sort_by(vm, self, argc, argv, blk);
  modify(vm, self);
  ary_replace_with(vm, self, PTR(r), LEN(r));
  keep_alive(r);
  return self;
}

/* shared with enum.c through kn_funcall on Arrays: nothing exported */

static VALUE ary_bsearch_index_impl(VM *vm, VALUE self, VALUE blk) {
  long lo = 0, hi = LEN(self);
  bool satisfied = false;
  while (lo < hi) {
    long mid = lo + (hi - lo) / 2;
    if (mid >= LEN(self)) break;
    VALUE v = kn_yield1(vm, blk, PTR(self)[mid]);
    bool smaller;
    if (FIXNUM_P(v)) {
      if (v == INT2FIX(0)) return INT2FIX(mid);
      smaller = FIX2LONG(v) < 0;
    } else if (v == Qtrue) {
      satisfied = true;
      smaller = true;
    } else if (!RTEST(v)) {
      smaller = false;
    } else if (kn_float_p(v) || kn_is_type(v, T_BIGNUM) || kn_obj_is_kind_of(vm, v, vm->cNumeric)) {
      VALUE zero = INT2FIX(0);
      int c = cmpint(vm, kn_funcall(vm, v, vm->id_cmp, 1, &zero), v, zero);
      if (c == 0) return INT2FIX(mid);
      smaller = c < 0;
    } else {
      kn_raise(vm, vm->eTypeError, "wrong argument type %s (must be numeric, true, false or nil)", kn_obj_classname(vm, v));
    }
    if (smaller) hi = mid;
    else lo = mid + 1;
  }
  return satisfied ? INT2FIX(lo) : Qnil;
}

static VALUE ary_bsearch(ARGS) {
  UNUSED;
  RETURN_ENUM("bsearch");
  VALUE i = ary_bsearch_index_impl(vm, self, blk);
  return NIL_P(i) ? Qnil : kn_ary_entry(self, FIX2LONG(i));
}

static VALUE ary_bsearch_index(ARGS) {
  UNUSED;
  RETURN_ENUM("bsearch_index");
  return ary_bsearch_index_impl(vm, self, blk);
}

/* ---- set operations (hash/eql? based) -------------------------------------------------------- */

#define SMALL_ARRAY 16

static bool includes_eql(VM *vm, VALUE a, VALUE v) {
  for (long i = 0; i < LEN(a); i++) if (kn_eql(vm, PTR(a)[i], v)) return true;
  return false;
}

static VALUE set_of(VM *vm, VALUE a) {
  VALUE h = kn_hash_new(vm);
  for (long i = 0; i < LEN(a); i++) {
    VALUE v = PTR(a)[i], dummy;
    if (!kn_hash_lookup(vm, h, v, &dummy)) kn_hash_aset(vm, h, v, v);
  }
  return h;
}

/* membership test against a set built by set_of (or a small array scanned linearly) */
static bool in_set(VM *vm, VALUE set, VALUE small, VALUE v) {
  if (!NIL_P(small)) return includes_eql(vm, small, v);
  VALUE dummy;
  return kn_hash_lookup(vm, set, v, &dummy);
}

static VALUE ary_plus(ARGS) {
  UNUSED;
  VALUE o = to_ary(vm, argv[0]);
  VALUE r = kn_ary_new_capa(vm, LEN(self) + LEN(o));
  kn_ary_concat(vm, r, self);
  kn_ary_concat(vm, r, o);
  return r;
}

static VALUE diff1(VM *vm, VALUE a, VALUE o) {
  VALUE r = kn_ary_new(vm);
  bool small = LEN(o) <= SMALL_ARRAY;
  VALUE set = small ? Qnil : set_of(vm, o);
  for (long i = 0; i < LEN(a); i++) {
    VALUE v = PTR(a)[i];
    if (!in_set(vm, set, small ? o : Qnil, v)) kn_ary_push(vm, r, v);
  }
  return r;
}

static VALUE ary_minus(ARGS) {
  UNUSED;
  return diff1(vm, self, to_ary(vm, argv[0]));
}

static VALUE ary_difference(ARGS) {
  UNUSED;
  VALUE r = kn_ary_dup(vm, self);
  for (int i = 0; i < argc; i++) r = diff1(vm, r, to_ary(vm, argv[i]));
  return r;
}

/* elements of a (first occurrences), also present in o when o != Qnil */
static VALUE and1(VM *vm, VALUE a, VALUE o) {
  VALUE r = kn_ary_new(vm);
  VALUE seen = kn_hash_new(vm);
  VALUE oset = Qnil;
  bool small = !NIL_P(o) && LEN(o) <= SMALL_ARRAY;
  if (!NIL_P(o) && !small) oset = set_of(vm, o);
  for (long i = 0; i < LEN(a); i++) {
    VALUE v = PTR(a)[i], dummy;
    if (!NIL_P(o) && !in_set(vm, oset, small ? o : Qnil, v)) continue;
    if (kn_hash_lookup(vm, seen, v, &dummy)) continue;
    kn_hash_aset(vm, seen, v, Qtrue);
    kn_ary_push(vm, r, v);
  }
  return r;
}

static VALUE ary_and(ARGS) {
  UNUSED;
  return and1(vm, self, to_ary(vm, argv[0]));
}

static VALUE ary_intersection(ARGS) {
  UNUSED;
  VALUE r = and1(vm, self, Qnil);
  for (int i = 0; i < argc; i++) r = and1(vm, r, to_ary(vm, argv[i]));
  return r;
}

static VALUE ary_intersect_p(ARGS) {
  UNUSED;
  VALUE o = to_ary(vm, argv[0]);
  VALUE small = LEN(o) <= SMALL_ARRAY ? o : Qnil;
  VALUE set = NIL_P(small) ? set_of(vm, o) : Qnil;
  for (long i = 0; i < LEN(self); i++)
    if (in_set(vm, set, small, PTR(self)[i])) return Qtrue;
  return Qfalse;
}

static VALUE union_into(VM *vm, VALUE r, VALUE seen, VALUE a) {
  for (long i = 0; i < LEN(a); i++) {
    VALUE v = PTR(a)[i], dummy;
    if (kn_hash_lookup(vm, seen, v, &dummy)) continue;
    kn_hash_aset(vm, seen, v, Qtrue);
    kn_ary_push(vm, r, v);
  }
  return r;
}

static VALUE ary_or(ARGS) {
  UNUSED;
  VALUE o = to_ary(vm, argv[0]);
  VALUE r = kn_ary_new(vm), seen = kn_hash_new(vm);
  union_into(vm, r, seen, self);
  return union_into(vm, r, seen, o);
}

static VALUE ary_union(ARGS) {
  UNUSED;
  VALUE r = kn_ary_new(vm), seen = kn_hash_new(vm);
  union_into(vm, r, seen, self);
  for (int i = 0; i < argc; i++) union_into(vm, r, seen, to_ary(vm, argv[i]));
  return r;
}

static VALUE uniq_impl(VM *vm, VALUE self, VALUE blk) {
  VALUE r = kn_ary_new(vm), seen = kn_hash_new(vm);
  for (long i = 0; i < LEN(self); i++) {
    VALUE v = PTR(self)[i], dummy;
    VALUE k = NIL_P(blk) ? v : kn_yield1(vm, blk, v);
    if (kn_hash_lookup(vm, seen, k, &dummy)) continue;
    kn_hash_aset(vm, seen, k, Qtrue);
    kn_ary_push(vm, r, v);
  }
  return r;
}

static VALUE ary_uniq(ARGS) { UNUSED; return uniq_impl(vm, self, blk); }

static VALUE ary_uniq_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE r = uniq_impl(vm, self, blk);
  if (LEN(r) == LEN(self)) return Qnil;
  modify(vm, self);
  ary_replace_with(vm, self, PTR(r), LEN(r));
  keep_alive(r);
  return self;
}

/* ---- flatten ------------------------------------------------------------------------------------ */

/* Appends the elements of a to r, descending level levels (< 0: all). path holds the
 * arrays being flattened (recursion check when level < 0). Returns whether any nested
 * array was expanded. */
static bool flatten_into(VM *vm, VALUE r, VALUE a, long level, VALUE path) {
  bool found = false;
  if (level < 0) {
    for (long i = 0; i < LEN(path); i++)
      if (PTR(path)[i] == a) kn_raise(vm, vm->eArgumentError, "tried to flatten recursive array");
    kn_ary_push(vm, path, a);
  }
  for (long i = 0; i < LEN(a); i++) {
    VALUE v = PTR(a)[i];
    VALUE sub = level == 0 ? Qnil : check_ary(vm, v);
    if (NIL_P(sub)) { kn_ary_push(vm, r, v); continue; }
    found = true;
    flatten_into(vm, r, sub, level < 0 ? level : level - 1, path);
  }
  if (level < 0) RARRAY(path)->len--;
  return found;
}

static VALUE ary_flatten(ARGS) {
  UNUSED;
  long level = argc > 0 && !NIL_P(argv[0]) ? num(vm, argv[0]) : -1;
  if (level == 0) return kn_ary_dup(vm, self);
  VALUE r = kn_ary_new_capa(vm, LEN(self));
  flatten_into(vm, r, self, level, kn_ary_new(vm));
  return r;
}

static VALUE ary_flatten_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  long level = argc > 0 && !NIL_P(argv[0]) ? num(vm, argv[0]) : -1;
  if (level == 0) return Qnil;
  VALUE r = kn_ary_new_capa(vm, LEN(self));
  if (!flatten_into(vm, r, self, level, kn_ary_new(vm))) return Qnil;
  ary_replace_with(vm, self, PTR(r), LEN(r));
  keep_alive(r);
  return self;
}

/* ---- reordering ------------------------------------------------------------------------------------ */

static void reverse_range(VALUE *p, long n) {
  for (long i = 0, j = n - 1; i < j; i++, j--) { VALUE t = p[i]; p[i] = p[j]; p[j] = t; }
}

static VALUE ary_reverse(ARGS) {
  UNUSED;
  long n = LEN(self);
  VALUE r = kn_ary_new_capa(vm, n);
  for (long i = 0; i < n; i++) PTR(r)[i] = PTR(self)[n - 1 - i];
  RARRAY(r)->len = n;
  return r;
}

static VALUE ary_reverse_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  reverse_range(PTR(self), LEN(self));
  return self;
}

static long rotate_count(VM *vm, int argc, VALUE *argv, long len) {
  long cnt = argc > 0 ? num(vm, argv[0]) : 1;
  if (len == 0) return 0;
  cnt %= len;
  if (cnt < 0) cnt += len;
  return cnt;
}

static VALUE ary_rotate(ARGS) {
  UNUSED;
  long n = LEN(self), cnt = rotate_count(vm, argc, argv, n);
  VALUE r = kn_ary_new_capa(vm, n);
  for (long i = 0; i < n; i++) PTR(r)[i] = PTR(self)[(i + cnt) % n];
  RARRAY(r)->len = n;
  return r;
}

static VALUE ary_rotate_bang(ARGS) {
  UNUSED;
  long cnt = rotate_count(vm, argc, argv, LEN(self));
  modify(vm, self);
  long n = LEN(self);
  if (cnt == 0 || n == 0) return self;
  reverse_range(PTR(self), cnt);
  reverse_range(PTR(self) + cnt, n - cnt);
  reverse_range(PTR(self), n);
  return self;
}

static VALUE ary_shuffle_bang(ARGS) {
  UNUSED;
  first_arg_or_hash(&argc, argv);
  modify(vm, self);
  long i = LEN(self);
  while (i > 1) {
    long j = kn_random_long(vm, i--);
    if (i >= LEN(self) || j >= LEN(self)) break;
    VALUE t = PTR(self)[i]; PTR(self)[i] = PTR(self)[j]; PTR(self)[j] = t;
  }
  return self;
}

static VALUE ary_shuffle(ARGS) {
  UNUSED;
  VALUE r = kn_ary_dup(vm, self);
  return ary_shuffle_bang(vm, r, argc, argv, blk);
}

static VALUE ary_sample(ARGS) {
  UNUSED;
  first_arg_or_hash(&argc, argv);
  long len = LEN(self);
  if (argc == 0) return len == 0 ? Qnil : PTR(self)[kn_random_long(vm, len)];
  long n = num(vm, argv[0]);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "negative sample number");
  if (n > len) n = len;
  VALUE r = kn_ary_dup(vm, self);
  for (long i = 0; i < n; i++) {
    long j = i + kn_random_long(vm, len - i);
    VALUE t = PTR(r)[i]; PTR(r)[i] = PTR(r)[j]; PTR(r)[j] = t;
  }
  RARRAY(r)->len = n;
  return r;
}

/* ---- fill ------------------------------------------------------------------------------------------ */

static VALUE ary_fill(ARGS) {
  UNUSED;
  VALUE item = Qnil, a1 = Qnil, a2 = Qnil;
  int n;
  if (!NIL_P(blk)) {
    if (argc > 2) kn_arity_error(vm, argc, 0, 2);
    a1 = argc > 0 ? argv[0] : Qnil;
    a2 = argc > 1 ? argv[1] : Qnil;
    n = argc + 1;
  } else {
    if (argc < 1 || argc > 3) kn_arity_error(vm, argc, 1, 3);
    item = argv[0];
    a1 = argc > 1 ? argv[1] : Qnil;
    a2 = argc > 2 ? argv[2] : Qnil;
    n = argc;
  }
  modify(vm, self);
  long beg = 0, len = LEN(self);
  if (n == 2 && kn_is_type(a1, T_RANGE)) {
    rng_beg_len(vm, a1, LEN(self), &beg, &len, 1);
  } else if (n >= 2) {
    beg = NIL_P(a1) ? 0 : num(vm, a1);
    if (beg < 0) { beg += LEN(self); if (beg < 0) beg = 0; }
    len = NIL_P(a2) ? LEN(self) - beg : num(vm, a2);
  }
  if (len < 0) return self;
  if (beg > ARY_MAX - len) kn_raise(vm, vm->eArgumentError, "argument too big");
  long end = beg + len;
  if (LEN(self) < end) ary_set_len_nil(vm, self, end);
  for (long i = beg; i < end; i++) {
    VALUE v = item;
    if (!NIL_P(blk)) {
      v = kn_yield1(vm, blk, INT2FIX(i));
      modify(vm, self);
      if (i >= LEN(self)) break;
    }
    PTR(self)[i] = v;
  }
  return self;
}

/* ---- conversion ------------------------------------------------------------------------------------ */

static VALUE ary_to_a(ARGS) {
  UNUSED;
  if (RBASIC(self)->klass == vm->cArray) return self;
  return kn_ary_dup(vm, self);
}

static VALUE ary_to_ary_m(ARGS) { UNUSED; return self; }

static VALUE ary_to_h(ARGS) {
  UNUSED;
  VALUE h = kn_hash_new(vm);
  for (long i = 0; i < LEN(self); i++) {
    VALUE e = PTR(self)[i];
    if (!NIL_P(blk)) e = kn_yield1(vm, blk, e);
    VALUE pair = check_ary(vm, e);
    if (NIL_P(pair))
      kn_raise(vm, vm->eTypeError, "wrong element type %s at %ld (expected array)", kn_obj_classname(vm, e), i);
    if (LEN(pair) != 2)
      kn_raise(vm, vm->eArgumentError, "wrong array length at %ld (expected 2, was %ld)", i, LEN(pair));
    kn_hash_aset(vm, h, PTR(pair)[0], PTR(pair)[1]);
  }
  return h;
}

static void join_into(VM *vm, VALUE out, VALUE ary, VALUE sep);

static VALUE join_guarded(VM *vm, VALUE ary, VALUE other, void *arg) {
  VALUE *ctx = arg; /* [out, sep] */
  (void)other;
  join_into(vm, ctx[0], ary, ctx[1]);
  return Qnil;
}

static void join_nested(VM *vm, VALUE out, VALUE sub, VALUE sep) {
  VALUE ctx[2] = {out, sep};
  if (guarded(vm, G_JOIN, sub, 0, join_guarded, ctx) == Qundef)
    kn_raise(vm, vm->eArgumentError, "recursive array join");
}

static void join_into(VM *vm, VALUE out, VALUE ary, VALUE sep) {
  for (long i = 0; i < LEN(ary); i++) {
    VALUE v = PTR(ary)[i];
    if (i > 0 && !NIL_P(sep)) kn_str_append(vm, out, sep);
    if (kn_is_type(v, T_STRING)) { kn_str_append(vm, out, v); continue; }
    if (FIXNUM_P(v) || SYMBOL_P(v) || NIL_P(v)) { kn_str_append(vm, out, kn_obj_as_string(vm, v)); continue; }
    if (kn_is_type(v, T_ARRAY)) { join_nested(vm, out, v, sep); continue; }
    VALUE s = kn_check_convert(vm, v, T_STRING, vm->id_to_str);
    if (!NIL_P(s)) { kn_str_append(vm, out, s); continue; }
    VALUE a = check_ary(vm, v);
    if (!NIL_P(a)) { join_nested(vm, out, a, sep); continue; }
    kn_str_append(vm, out, kn_obj_as_string(vm, v));
  }
}

VALUE kn_ary_join(VM *vm, VALUE ary, VALUE sep) {
  if (!NIL_P(sep)) sep = kn_check_string(vm, sep);
  VALUE out = kn_str_new(vm, "", 0);
  if (LEN(ary) == 0) return out;
  join_nested(vm, out, ary, sep);
  return out;
}

static VALUE ary_join(ARGS) {
  UNUSED;
  return kn_ary_join(vm, self, argc > 0 ? argv[0] : Qnil);
}

static VALUE inspect_body(VM *vm, VALUE ary, VALUE other, void *arg) {
  (void)other; (void)arg;
  VALUE s = kn_str_new(vm, "[", 1);
  for (long i = 0; i < LEN(ary); i++) {
    if (i > 0) kn_str_cat(vm, s, ", ", 2);
    kn_str_append(vm, s, kn_inspect(vm, PTR(ary)[i]));
  }
  kn_str_cat(vm, s, "]", 1);
  return s;
}

VALUE kn_ary_inspect(VM *vm, VALUE ary) {
  if (LEN(ary) == 0) return kn_str_new(vm, "[]", 2);
  if (!may_recurse(ary)) return inspect_body(vm, ary, 0, NULL);
  VALUE r = guarded(vm, G_INSPECT, ary, 0, inspect_body, NULL);
  return r == Qundef ? kn_str_new(vm, "[...]", 5) : r;
}

static VALUE ary_inspect(ARGS) { UNUSED; return kn_ary_inspect(vm, self); }

static VALUE ary_times(ARGS) {
  UNUSED;
  VALUE s = kn_check_convert(vm, argv[0], T_STRING, vm->id_to_str);
  if (!NIL_P(s)) return kn_ary_join(vm, self, s);
  long n = num(vm, argv[0]), len = LEN(self);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "negative argument");
  if (len > 0 && n > ARY_MAX / len) kn_raise(vm, vm->eArgumentError, "argument too big");
  VALUE r = kn_ary_new_capa(vm, len * n);
  for (long i = 0; i < n; i++) memcpy(PTR(r) + i * len, PTR(self), (size_t)len * sizeof(VALUE));
  RARRAY(r)->len = len * n;
  return r;
}

/* ---- equality, hashing, comparison ----------------------------------------------------------------- */

static VALUE eq_body(VM *vm, VALUE a, VALUE b, void *arg) {
  bool eql = arg != NULL;
  for (long i = 0; i < LEN(a); i++) {
    if (LEN(a) != LEN(b)) return Qfalse;
    VALUE x = PTR(a)[i], y = PTR(b)[i];
    if (!(eql ? kn_eql(vm, x, y) : kn_equal(vm, x, y))) return Qfalse;
  }
  return KN_BOOL(LEN(a) == LEN(b));
}

static VALUE ary_eq(ARGS) {
  UNUSED;
  VALUE o = argv[0];
  if (o == self) return Qtrue;
  if (!kn_is_type(o, T_ARRAY)) {
    if (SPECIAL_CONST_P(o) || !kn_respond_to(vm, o, vm->id_to_ary, false)) return Qfalse;
    return KN_BOOL(kn_equal(vm, o, self));
  }
  if (LEN(self) != LEN(o)) return Qfalse;
  if (!may_recurse(self)) return eq_body(vm, self, o, NULL);
  VALUE r = guarded(vm, G_EQ, self, o, eq_body, NULL);
  return r == Qundef ? Qtrue : r;
}

static VALUE ary_eql(ARGS) {
  UNUSED;
  VALUE o = argv[0];
  if (o == self) return Qtrue;
  if (!kn_is_type(o, T_ARRAY) || LEN(self) != LEN(o)) return Qfalse;
  static const char tag = 1;
  if (!may_recurse(self)) return eq_body(vm, self, o, (void *)&tag);
  VALUE r = guarded(vm, G_EQL, self, o, eq_body, (void *)&tag);
  return r == Qundef ? Qtrue : r;
}

static uintptr_t hmix(uintptr_t h, uintptr_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

static VALUE hash_body(VM *vm, VALUE a, VALUE other, void *arg) {
  (void)other; (void)arg;
  uintptr_t h = hmix(0xa5a5a5a5UL, (uintptr_t)LEN(a));
  for (long i = 0; i < LEN(a); i++) h = hmix(h, kn_hash_value(vm, PTR(a)[i]));
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return INT2FIX((intptr_t)(h >> 2));
}

static VALUE ary_hash(ARGS) {
  UNUSED;
  if (!may_recurse(self)) return hash_body(vm, self, 0, NULL);
  VALUE r = guarded(vm, G_HASH, self, 0, hash_body, NULL);
  return r == Qundef ? INT2FIX(0x5eed) : r;
}

static VALUE cmp_body(VM *vm, VALUE a, VALUE b, void *arg) {
  (void)arg;
  for (long i = 0; i < LEN(a) && i < LEN(b); i++) {
    VALUE x = PTR(a)[i], y = PTR(b)[i];
    if (FIXNUM_P(x) && FIXNUM_P(y)) {
      if (x != y) return INT2FIX((intptr_t)x < (intptr_t)y ? -1 : 1);
      continue;
    }
    VALUE r = kn_funcall(vm, x, vm->id_cmp, 1, &y);
    if (r != INT2FIX(0)) return r;
  }
  return Qundef;
}

static VALUE ary_cmp(ARGS) {
  UNUSED;
  VALUE o = kn_is_type(argv[0], T_ARRAY) ? argv[0] : check_ary(vm, argv[0]);
  if (NIL_P(o)) return Qnil;
  if (o != self) {
    VALUE r = may_recurse(self) ? guarded(vm, G_CMP, self, o, cmp_body, NULL) : cmp_body(vm, self, o, NULL);
    if (r != Qundef) return r;
  }
  long d = LEN(self) - LEN(o);
  return INT2FIX(d == 0 ? 0 : d > 0 ? 1 : -1);
}

/* ---- pairs, zip, product, transpose ---------------------------------------------------------------- */

static VALUE ary_assoc(ARGS) {
  UNUSED;
  for (long i = 0; i < LEN(self); i++) {
    VALUE e = check_ary(vm, PTR(self)[i]);
    if (!NIL_P(e) && LEN(e) > 0 && kn_equal(vm, PTR(e)[0], argv[0])) return e;
  }
  return Qnil;
}

static VALUE ary_rassoc(ARGS) {
  UNUSED;
  for (long i = 0; i < LEN(self); i++) {
    VALUE e = PTR(self)[i];
    if (kn_is_type(e, T_ARRAY) && LEN(e) > 1 && kn_equal(vm, PTR(e)[1], argv[0])) return e;
  }
  return Qnil;
}

static VALUE ary_zip(ARGS) {
  UNUSED;
  long len = LEN(self);
  VALUE others = kn_ary_new_capa(vm, argc);
  for (int j = 0; j < argc; j++) {
    VALUE o = check_ary(vm, argv[j]);
    if (NIL_P(o)) {
      if (!kn_respond_to(vm, argv[j], vm->id_each, false))
        kn_raise(vm, vm->eTypeError, "wrong argument type %s (must respond to :each)", kn_obj_classname(vm, argv[j]));
      o = kn_enum_take(vm, argv[j], len);
    }
    kn_ary_push(vm, others, o);
  }
  VALUE r = NIL_P(blk) ? kn_ary_new_capa(vm, len) : Qnil;
  for (long i = 0; i < LEN(self); i++) {
    VALUE t = kn_ary_new_capa(vm, argc + 1);
    kn_ary_push(vm, t, PTR(self)[i]);
    for (int j = 0; j < argc; j++) kn_ary_push(vm, t, kn_ary_entry(PTR(others)[j], i));
    if (NIL_P(blk)) kn_ary_push(vm, r, t);
    else kn_yield1(vm, blk, t);
  }
  return r;
}

static VALUE idx_array(VM *vm, long k);
#define IX(a, i) FIX2LONG(PTR(a)[i])
#define SETIX(a, i, v) (PTR(a)[i] = INT2FIX(v))

static VALUE ary_product(ARGS) {
  UNUSED;
  int n = argc + 1;
  VALUE arrays = kn_ary_new_capa(vm, n);
  kn_ary_push(vm, arrays, kn_ary_dup(vm, self));
  for (int i = 0; i < argc; i++) kn_ary_push(vm, arrays, kn_ary_dup(vm, to_ary(vm, argv[i])));
  long total = 1;
  for (int i = 0; i < n; i++) {
    long l = LEN(PTR(arrays)[i]);
    if (l == 0) { total = 0; break; }
    if (total > ARY_MAX / l) kn_raise(vm, vm->eRangeError, "too big to product");
    total *= l;
  }
  VALUE r = NIL_P(blk) ? kn_ary_new_capa(vm, total) : Qnil;
  VALUE idx = idx_array(vm, n);
  for (long k = 0; k < total; k++) {
    VALUE t = kn_ary_new_capa(vm, n);
    for (int i = 0; i < n; i++) PTR(t)[i] = PTR(PTR(arrays)[i])[IX(idx, i)];
    RARRAY(t)->len = n;
    for (int i = n - 1; i >= 0; i--) {
      if (IX(idx, i) + 1 < LEN(PTR(arrays)[i])) { SETIX(idx, i, IX(idx, i) + 1); break; }
      SETIX(idx, i, 0);
    }
    if (NIL_P(blk)) kn_ary_push(vm, r, t);
    else kn_yield1(vm, blk, t);
  }
  keep_alive(arrays);
  keep_alive(idx);
  return NIL_P(blk) ? r : self;
}

static VALUE ary_transpose(ARGS) {
  UNUSED;
  long rows = LEN(self), cols = 0;
  VALUE r = kn_ary_new(vm);
  for (long i = 0; i < rows; i++) {
    VALUE row = to_ary(vm, PTR(self)[i]);
    if (i == 0) {
      cols = LEN(row);
      for (long j = 0; j < cols; j++) kn_ary_push(vm, r, kn_ary_new_capa(vm, rows));
    } else if (LEN(row) != cols) {
      kn_raise(vm, vm->eIndexError, "element size differs (%ld should be %ld)", LEN(row), cols);
    }
    for (long j = 0; j < cols; j++) kn_ary_push(vm, PTR(r)[j], PTR(row)[j]);
  }
  return r;
}

/* ---- combinatorics ---------------------------------------------------------------------------------- */
/* Index vectors live in a Ruby Array of Fixnums so a raising block leaks nothing. */

static VALUE pick(VM *vm, VALUE src, VALUE idx, long k) {
  VALUE t = kn_ary_new_capa(vm, k);
  for (long i = 0; i < k; i++) PTR(t)[i] = PTR(src)[FIX2LONG(PTR(idx)[i])];
  RARRAY(t)->len = k;
  return t;
}

static VALUE idx_array(VM *vm, long k) {
  VALUE a = kn_ary_new_capa(vm, k + 1);
  for (long i = 0; i <= k; i++) PTR(a)[i] = INT2FIX(0);
  RARRAY(a)->len = k + 1;
  return a;
}

static VALUE ary_combination(ARGS) {
  UNUSED;
  RETURN_ENUM("combination");
  long k = num(vm, argv[0]);
  VALUE src = kn_ary_dup(vm, self);
  long n = LEN(src);
  if (k == 0) { kn_yield1(vm, blk, kn_ary_new(vm)); return self; }
  if (k < 0 || k > n) return self;
  VALUE idx = idx_array(vm, k);
  for (long i = 0; i < k; i++) SETIX(idx, i, i);
  for (;;) {
    kn_yield1(vm, blk, pick(vm, src, idx, k));
    long i = k - 1;
    while (i >= 0 && IX(idx, i) == n - k + i) i--;
    if (i < 0) break;
    SETIX(idx, i, IX(idx, i) + 1);
    for (long j = i + 1; j < k; j++) SETIX(idx, j, IX(idx, j - 1) + 1);
  }
  return self;
}

static VALUE ary_repeated_combination(ARGS) {
  UNUSED;
  RETURN_ENUM("repeated_combination");
  long k = num(vm, argv[0]);
  VALUE src = kn_ary_dup(vm, self);
  long n = LEN(src);
  if (k == 0) { kn_yield1(vm, blk, kn_ary_new(vm)); return self; }
  if (k < 0 || n == 0) return self;
  VALUE idx = idx_array(vm, k);
  for (;;) {
    kn_yield1(vm, blk, pick(vm, src, idx, k));
    long i = k - 1;
    while (i >= 0 && IX(idx, i) == n - 1) i--;
    if (i < 0) break;
    long v = IX(idx, i) + 1;
    for (long j = i; j < k; j++) SETIX(idx, j, v);
  }
  return self;
}

static VALUE ary_permutation(ARGS) {
  UNUSED;
  RETURN_ENUM("permutation");
  VALUE src = kn_ary_dup(vm, self);
  long n = LEN(src);
  long k = argc > 0 && !NIL_P(argv[0]) ? num(vm, argv[0]) : n;
  if (k == 0) { kn_yield1(vm, blk, kn_ary_new(vm)); return self; }
  if (k < 0 || k > n) return self;
  /* lexicographic over index tuples of distinct indices: used[] marks taken indices */
  VALUE idx = idx_array(vm, k), used = idx_array(vm, n);
  long depth = 0;
  SETIX(idx, 0, -1);
  while (depth >= 0) {
    long cur = IX(idx, depth);
    if (cur >= 0) SETIX(used, cur, 0);
    long nx = cur + 1;
    while (nx < n && IX(used, nx)) nx++;
    if (nx >= n) { depth--; continue; }
    SETIX(idx, depth, nx);
    SETIX(used, nx, 1);
    if (depth == k - 1) {
      kn_yield1(vm, blk, pick(vm, src, idx, k));
    } else {
      depth++;
      SETIX(idx, depth, -1);
    }
  }
  return self;
}

static VALUE ary_repeated_permutation(ARGS) {
  UNUSED;
  RETURN_ENUM("repeated_permutation");
  long k = num(vm, argv[0]);
  VALUE src = kn_ary_dup(vm, self);
  long n = LEN(src);
  if (k == 0) { kn_yield1(vm, blk, kn_ary_new(vm)); return self; }
  if (k < 0 || n == 0) return self;
  VALUE idx = idx_array(vm, k);
  for (;;) {
    kn_yield1(vm, blk, pick(vm, src, idx, k));
    long i = k - 1;
    while (i >= 0 && IX(idx, i) == n - 1) { SETIX(idx, i, 0); i--; }
    if (i < 0) break;
    SETIX(idx, i, IX(idx, i) + 1);
  }
  return self;
}

/* ---- misc ------------------------------------------------------------------------------------------- */

static VALUE ary_initialize_copy(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE o = to_ary(vm, argv[0]);
  if (o != self) ary_replace_with(vm, self, PTR(o), LEN(o));
  return self;
}

static VALUE ary_deconstruct(ARGS) { UNUSED; return self; }

static VALUE ary_freeze(ARGS) { UNUSED; return kn_obj_freeze(vm, self); }

void kn_init_array(VM *vm) {
  VALUE A = vm->cArray;
  kn_define_singleton_method(vm, A, "[]", ary_s_create, 0, -1);
  kn_define_singleton_method(vm, A, "try_convert", ary_s_try_convert, 1, 1);
  kn_define_private_method(vm, A, "initialize", ary_initialize, 0, 2);
  kn_define_private_method(vm, A, "initialize_copy", ary_initialize_copy, 1, 1);
  kn_define_method(vm, A, "replace", ary_replace, 1, 1);

  kn_define_method(vm, A, "[]", ary_aref, 1, 2);
  kn_define_method(vm, A, "slice", ary_aref, 1, 2);
  kn_define_method(vm, A, "[]=", ary_aset, 2, 3);
  kn_define_method(vm, A, "at", ary_at, 1, 1);
  kn_define_method(vm, A, "fetch", ary_fetch, 1, 2);
  kn_define_method(vm, A, "dig", ary_dig, 1, -1);
  kn_define_method(vm, A, "first", ary_first, 0, 1);
  kn_define_method(vm, A, "last", ary_last, 0, 1);
  kn_define_method(vm, A, "values_at", ary_values_at, 0, -1);

  kn_define_method(vm, A, "push", ary_push_m, 0, -1);
  kn_define_method(vm, A, "append", ary_push_m, 0, -1);
  kn_define_method(vm, A, "<<", ary_ltlt, 1, 1);
  kn_define_method(vm, A, "pop", ary_pop_m, 0, 1);
  kn_define_method(vm, A, "shift", ary_shift_m, 0, 1);
  kn_define_method(vm, A, "unshift", ary_unshift, 0, -1);
  kn_define_method(vm, A, "prepend", ary_unshift, 0, -1);
  kn_define_method(vm, A, "insert", ary_insert, 1, -1);
  kn_define_method(vm, A, "concat", ary_concat_m, 0, -1);
  kn_define_method(vm, A, "clear", ary_clear, 0, 0);
  kn_define_method(vm, A, "delete", ary_delete, 1, 1);
  kn_define_method(vm, A, "delete_at", ary_delete_at, 1, 1);
  kn_define_method(vm, A, "slice!", ary_slice_bang, 1, 2);
  kn_define_method(vm, A, "compact", ary_compact, 0, 0);
  kn_define_method(vm, A, "compact!", ary_compact_bang, 0, 0);

  kn_define_method(vm, A, "length", ary_length, 0, 0);
  kn_define_method(vm, A, "size", ary_length, 0, 0);
  kn_define_method(vm, A, "empty?", ary_empty_p, 0, 0);
  kn_define_method(vm, A, "include?", ary_include_p, 1, 1);
  kn_define_method(vm, A, "member?", ary_include_p, 1, 1);

  kn_define_method(vm, A, "each", ary_each, 0, 0);
  kn_define_method(vm, A, "each_index", ary_each_index, 0, 0);
  kn_define_method(vm, A, "each_with_index", ary_each_with_index, 0, 0);
  kn_define_method(vm, A, "reverse_each", ary_reverse_each, 0, 0);
  kn_define_method(vm, A, "map", ary_map, 0, 0);
  kn_define_method(vm, A, "collect", ary_map, 0, 0);
  kn_define_method(vm, A, "map!", ary_map_bang, 0, 0);
  kn_define_method(vm, A, "collect!", ary_map_bang, 0, 0);
  kn_define_method(vm, A, "select", ary_select, 0, 0);
  kn_define_method(vm, A, "filter", ary_select, 0, 0);
  kn_define_method(vm, A, "reject", ary_reject, 0, 0);
  kn_define_method(vm, A, "select!", ary_select_bang, 0, 0);
  kn_define_method(vm, A, "filter!", ary_select_bang, 0, 0);
  kn_define_method(vm, A, "keep_if", ary_keep_if, 0, 0);
  kn_define_method(vm, A, "reject!", ary_reject_bang, 0, 0);
  kn_define_method(vm, A, "delete_if", ary_delete_if, 0, 0);
  kn_define_method(vm, A, "index", ary_index, 0, 1);
  kn_define_method(vm, A, "find_index", ary_index, 0, 1);
  kn_define_method(vm, A, "rindex", ary_rindex, 0, 1);
  kn_define_method(vm, A, "count", ary_count, 0, 1);
  kn_define_method(vm, A, "cycle", ary_cycle, 0, 1);

  kn_define_method(vm, A, "take", ary_take, 1, 1);
  kn_define_method(vm, A, "drop", ary_drop, 1, 1);
  kn_define_method(vm, A, "take_while", ary_take_while, 0, 0);
  kn_define_method(vm, A, "drop_while", ary_drop_while, 0, 0);
  kn_define_method(vm, A, "any?", ary_any_p, 0, 1);
  kn_define_method(vm, A, "all?", ary_all_p, 0, 1);
  kn_define_method(vm, A, "none?", ary_none_p, 0, 1);
  kn_define_method(vm, A, "one?", ary_one_p, 0, 1);

  kn_define_method(vm, A, "inject", ary_inject, 0, 2);
  kn_define_method(vm, A, "reduce", ary_inject, 0, 2);
  kn_define_method(vm, A, "sum", ary_sum, 0, 1);
  kn_define_method(vm, A, "min", ary_min, 0, 1);
  kn_define_method(vm, A, "max", ary_max, 0, 1);
  kn_define_method(vm, A, "minmax", ary_minmax, 0, 0);
  kn_define_method(vm, A, "sort", ary_sort, 0, 0);
  kn_define_method(vm, A, "sort!", ary_sort_bang, 0, 0);
  kn_define_method(vm, A, "sort_by", ary_sort_by, 0, 0);
  kn_define_method(vm, A, "sort_by!", ary_sort_by_bang, 0, 0);
  kn_define_method(vm, A, "bsearch", ary_bsearch, 0, 0);
  kn_define_method(vm, A, "bsearch_index", ary_bsearch_index, 0, 0);

  kn_define_method(vm, A, "+", ary_plus, 1, 1);
  kn_define_method(vm, A, "-", ary_minus, 1, 1);
  kn_define_method(vm, A, "*", ary_times, 1, 1);
  kn_define_method(vm, A, "&", ary_and, 1, 1);
  kn_define_method(vm, A, "|", ary_or, 1, 1);
  kn_define_method(vm, A, "difference", ary_difference, 0, -1);
  kn_define_method(vm, A, "intersection", ary_intersection, 0, -1);
  kn_define_method(vm, A, "intersect?", ary_intersect_p, 1, 1);
  kn_define_method(vm, A, "union", ary_union, 0, -1);
  kn_define_method(vm, A, "uniq", ary_uniq, 0, 0);
  kn_define_method(vm, A, "uniq!", ary_uniq_bang, 0, 0);
  kn_define_method(vm, A, "flatten", ary_flatten, 0, 1);
  kn_define_method(vm, A, "flatten!", ary_flatten_bang, 0, 1);

  kn_define_method(vm, A, "reverse", ary_reverse, 0, 0);
  kn_define_method(vm, A, "reverse!", ary_reverse_bang, 0, 0);
  kn_define_method(vm, A, "rotate", ary_rotate, 0, 1);
  kn_define_method(vm, A, "rotate!", ary_rotate_bang, 0, 1);
  kn_define_method(vm, A, "shuffle", ary_shuffle, 0, -1);
  kn_define_method(vm, A, "shuffle!", ary_shuffle_bang, 0, -1);
  kn_define_method(vm, A, "sample", ary_sample, 0, -1);
  kn_define_method(vm, A, "fill", ary_fill, 0, -1);

  kn_define_method(vm, A, "to_a", ary_to_a, 0, 0);
  kn_define_method(vm, A, "entries", ary_to_a, 0, 0);
  kn_define_method(vm, A, "to_ary", ary_to_ary_m, 0, 0);
  kn_define_method(vm, A, "to_h", ary_to_h, 0, 0);
  kn_define_method(vm, A, "join", ary_join, 0, 1);
  kn_define_method(vm, A, "inspect", ary_inspect, 0, 0);
  kn_define_method(vm, A, "to_s", ary_inspect, 0, 0);
  kn_define_method(vm, A, "==", ary_eq, 1, 1);
  kn_define_method(vm, A, "eql?", ary_eql, 1, 1);
  kn_define_method(vm, A, "hash", ary_hash, 0, 0);
  kn_define_method(vm, A, "<=>", ary_cmp, 1, 1);

  kn_define_method(vm, A, "assoc", ary_assoc, 1, 1);
  kn_define_method(vm, A, "rassoc", ary_rassoc, 1, 1);
  kn_define_method(vm, A, "zip", ary_zip, 0, -1);
  kn_define_method(vm, A, "product", ary_product, 0, -1);
  kn_define_method(vm, A, "transpose", ary_transpose, 0, 0);
  kn_define_method(vm, A, "combination", ary_combination, 1, 1);
  kn_define_method(vm, A, "permutation", ary_permutation, 0, 1);
  kn_define_method(vm, A, "repeated_combination", ary_repeated_combination, 1, 1);
  kn_define_method(vm, A, "repeated_permutation", ary_repeated_permutation, 1, 1);
  kn_define_method(vm, A, "deconstruct", ary_deconstruct, 0, 0);
  kn_define_method(vm, A, "freeze", ary_freeze, 0, 0);
}
