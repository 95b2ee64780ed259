/* enum.c -- the Enumerable module, written once against `each`: every method feeds the
 * values `each` yields (several values packed into an Array, as CRuby does) to a C step
 * function through a C block. Plain Arrays whose #each is the built-in one are walked
 * directly instead. Early exits (find, first, include?, ...) throw to a tag private to
 * the running method, so nested iterations cannot catch each other's stops. */
#include <string.h>
#include "../vm/vm.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED (void)vm; (void)self; (void)argc; (void)argv; (void)blk

/* provided by src/vm/interp.c and src/vm/kernel.c (lead); see vm_internal.h */
extern VALUE kn_cfunc_proc_data(VM *vm);
extern VALUE kn_throw_new(VM *vm, int state, VALUE value, VALUE *target_ep, VALUE tag);

VALUE kn_enum_take(VM *vm, VALUE obj, long n);

static inline long LEN(VALUE a) { return RARRAY(a)->len; }
static inline VALUE *PTR(VALUE a) { return RARRAY(a)->ptr; }
static inline long num(VM *vm, VALUE v) { return FIXNUM_P(v) ? FIX2LONG(v) : kn_num2long(vm, v); }

/* ---- the iteration engine ------------------------------------------------------------- */

typedef struct Iter Iter;
typedef void (*StepFn)(VM *vm, Iter *it, VALUE v);

/* Per-call state. Lives on the C stack of the Enumerable method (scanned by the GC), and
 * reaches the C block as a Fixnum-tagged pointer. */
struct Iter {
  StepFn step;
  VALUE blk;        /* the block given to the Enumerable method (a block handler) */
  VALUE acc, aux;   /* results being built */
  VALUE arg;        /* method argument (pattern, needle, memo, ...) */
  bool has_arg;
  long n, i;        /* counters */
  bool direct;      /* walking an Array in C: stops just set `stopped` */
  bool stopped;
  VALUE result;     /* value given to iter_stop */
  VALUE tag;        /* the C block: identifies this iteration's stop */
};

/* aligned: kn_proc_new_cfunc tags the function address with |1 */
__attribute__((aligned(16))) static VALUE iter_block_fn(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  Iter *it = (Iter *)(kn_cfunc_proc_data(vm) & ~(VALUE)1);
  VALUE v = argc == 1 ? argv[0] : argc == 0 ? Qnil : kn_ary_new_from(vm, argc, argv);
  it->step(vm, it, v);
  return Qnil;
}

/* Ends the iteration with result v. In block mode this does not return; in direct mode
 * it returns and the step must return at once. */
static void iter_stop(VM *vm, Iter *it, VALUE v) {
  it->stopped = true;
  it->result = v;
  if (!it->direct) kn_jump(vm, KN_TAG_THROW, kn_throw_new(vm, KN_TAG_THROW, v, NULL, it->tag));
}

static bool plain_array(VM *vm, VALUE obj) {
  if (!kn_is_type(obj, T_ARRAY)) return false;
  const MethodEntry *me = kn_method_lookup(vm, kn_class_of(vm, obj), vm->id_each);
  return me && me->type == ME_CFUNC && me->owner == vm->cArray;
}

/* Runs obj.each(*args) feeding it->step. Returns the value of each (or of the stop). */
static VALUE iter_run_args(VM *vm, VALUE obj, Iter *it, int argc, const VALUE *argv) {
  it->stopped = false;
  it->direct = argc == 0 && plain_array(vm, obj);
  if (it->direct) {
    for (long i = 0; i < LEN(obj); i++) {
      it->step(vm, it, PTR(obj)[i]);
      if (it->stopped) return it->result;
    }
    return obj;
  }
  VALUE proc = kn_proc_new_cfunc(vm, iter_block_fn, (VALUE)it | 1, false);
  it->tag = proc;
  VALUE saved_cproc = vm->running_cproc;
  volatile VALUE result = Qnil;
  Iter *volatile vit = it;
  KN_TRY(vm) {
    result = kn_funcall_block(vm, obj, vm->id_each, argc, argv, proc);
  } KN_CATCH(vm) {
    VALUE e = vm->errinfo;
    vm->running_cproc = saved_cproc;
    if (kn_is_type(e, T_THROW) && RTHROW(e)->state == KN_TAG_THROW && RTHROW(e)->tag == vit->tag) {
      vm->errinfo = Qnil;
      result = RTHROW(e)->value;
    } else {
      kn_jump(vm, kn_tag, e);
    }
  } KN_END(vm);
  return result;
}

static VALUE iter_run(VM *vm, VALUE obj, Iter *it) { return iter_run_args(vm, obj, it, 0, NULL); }

static void iter_init(Iter *it, StepFn step, VALUE blk) {
  memset(it, 0, sizeof *it);
  it->step = step;
  it->blk = blk;
  it->acc = it->aux = it->arg = it->result = it->tag = Qnil;
}

static VALUE ret_enum(VM *vm, VALUE self, const char *meth, int argc, const VALUE *argv) {
  VALUE args[8];
  if (argc > 7) argc = 7;
  args[0] = kn_sym(vm, meth);
  for (int i = 0; i < argc; i++) args[i + 1] = argv[i];
  return kn_funcall(vm, self, vm->id_to_enum, argc + 1, args);
}
#define RETURN_ENUM(name) \
  do { if (NIL_P(blk)) return ret_enum(vm, self, name, argc, argv); } while (0)

static VALUE yield2(VM *vm, VALUE blk, VALUE a, VALUE b) {
  VALUE args[2] = {a, b};
  return kn_yield(vm, blk, 2, args);
}

/* ---- collecting ---------------------------------------------------------------------- */

static void st_push(VM *vm, Iter *it, VALUE v) { kn_ary_push(vm, it->acc, v); }

static VALUE enum_to_a_impl(VM *vm, VALUE self, int argc, const VALUE *argv) {
  Iter it;
  iter_init(&it, st_push, Qnil);
  it.acc = kn_ary_new(vm);
  iter_run_args(vm, self, &it, argc, argv);
  return it.acc;
}

static VALUE enum_to_a(ARGS) { UNUSED; return enum_to_a_impl(vm, self, argc, argv); }

/* the first n values (Array#zip on non-Array arguments) */
static void st_take(VM *vm, Iter *it, VALUE v) {
  kn_ary_push(vm, it->acc, v);
  if (LEN(it->acc) >= it->n) iter_stop(vm, it, Qnil);
}

VALUE kn_enum_take(VM *vm, VALUE obj, long n) {
  Iter it;
  iter_init(&it, st_take, Qnil);
  it.acc = kn_ary_new(vm);
  it.n = n;
  if (n <= 0) return it.acc;
  iter_run(vm, obj, &it);
  return it.acc;
}

static void st_map(VM *vm, Iter *it, VALUE v) { kn_ary_push(vm, it->acc, kn_yield1(vm, it->blk, v)); }

static VALUE enum_map(ARGS) {
  UNUSED;
  RETURN_ENUM("map");
  Iter it;
  iter_init(&it, st_map, blk);
  it.acc = kn_ary_new(vm);
  iter_run(vm, self, &it);
  return it.acc;
}

static void st_flat_map(VM *vm, Iter *it, VALUE v) {
  VALUE r = kn_yield1(vm, it->blk, v);
  VALUE a = kn_is_type(r, T_ARRAY) ? r : (SPECIAL_CONST_P(r) ? Qnil : kn_check_array(vm, r));
  if (NIL_P(a)) kn_ary_push(vm, it->acc, r);
  else kn_ary_concat(vm, it->acc, a);
}

static VALUE enum_flat_map(ARGS) {
  UNUSED;
  RETURN_ENUM("flat_map");
  Iter it;
  iter_init(&it, st_flat_map, blk);
  it.acc = kn_ary_new(vm);
  iter_run(vm, self, &it);
  return it.acc;
}

static void st_select(VM *vm, Iter *it, VALUE v) {
  if (RTEST(kn_yield1(vm, it->blk, v)) != (it->n != 0)) kn_ary_push(vm, it->acc, v);
}

static VALUE select_impl(VM *vm, VALUE self, VALUE blk, bool reject) {
  Iter it;
  iter_init(&it, st_select, blk);
  it.acc = kn_ary_new(vm);
  it.n = reject;
  iter_run(vm, self, &it);
  return it.acc;
}

/* grep / grep_v: the values for which pattern === v holds (does not), each passed through
 * the block when there is one. */
static void st_grep(VM *vm, Iter *it, VALUE v) {
  if (RTEST(kn_funcall(vm, it->arg, vm->id_eqq, 1, &v)) != (it->n != 0))
    kn_ary_push(vm, it->acc, NIL_P(it->blk) ? v : kn_yield1(vm, it->blk, v));
}
static VALUE grep_impl(VM *vm, VALUE self, VALUE pattern, VALUE blk, bool invert) {
  Iter it;
  iter_init(&it, st_grep, blk);
  it.acc = kn_ary_new(vm);
  it.arg = pattern;
  it.n = invert;
  iter_run(vm, self, &it);
  return it.acc;
}
static VALUE enum_grep(ARGS) { UNUSED; return grep_impl(vm, self, argv[0], blk, false); }
static VALUE enum_grep_v(ARGS) { UNUSED; return grep_impl(vm, self, argv[0], blk, true); }

static VALUE enum_select(ARGS) { UNUSED; RETURN_ENUM("select"); return select_impl(vm, self, blk, false); }
static VALUE enum_find_all(ARGS) { UNUSED; RETURN_ENUM("find_all"); return select_impl(vm, self, blk, false); }
static VALUE enum_filter(ARGS) { UNUSED; RETURN_ENUM("filter"); return select_impl(vm, self, blk, false); }
static VALUE enum_reject(ARGS) { UNUSED; RETURN_ENUM("reject"); return select_impl(vm, self, blk, true); }

static void st_filter_map(VM *vm, Iter *it, VALUE v) {
  VALUE r = kn_yield1(vm, it->blk, v);
  if (RTEST(r)) kn_ary_push(vm, it->acc, r);
}

static VALUE enum_filter_map(ARGS) {
  UNUSED;
  RETURN_ENUM("filter_map");
  Iter it;
  iter_init(&it, st_filter_map, blk);
  it.acc = kn_ary_new(vm);
  iter_run(vm, self, &it);
  return it.acc;
}

static void st_compact(VM *vm, Iter *it, VALUE v) {
  if (!NIL_P(v)) kn_ary_push(vm, it->acc, v);
}

static VALUE enum_compact(ARGS) {
  UNUSED;
  Iter it;
  iter_init(&it, st_compact, Qnil);
  it.acc = kn_ary_new(vm);
  iter_run(vm, self, &it);
  return it.acc;
}

static void st_partition(VM *vm, Iter *it, VALUE v) {
  kn_ary_push(vm, RTEST(kn_yield1(vm, it->blk, v)) ? it->acc : it->aux, v);
}

static VALUE enum_partition(ARGS) {
  UNUSED;
  RETURN_ENUM("partition");
  Iter it;
  iter_init(&it, st_partition, blk);
  it.acc = kn_ary_new(vm);
  it.aux = kn_ary_new(vm);
  iter_run(vm, self, &it);
  return kn_ary_new_values(vm, 2, it.acc, it.aux);
}

static void st_group_by(VM *vm, Iter *it, VALUE v) {
  VALUE k = kn_yield1(vm, it->blk, v), list;
  if (!kn_hash_lookup(vm, it->acc, k, &list)) {
    list = kn_ary_new(vm);
    kn_hash_aset(vm, it->acc, k, list);
  }
  kn_ary_push(vm, list, v);
}

static VALUE enum_group_by(ARGS) {
  UNUSED;
  RETURN_ENUM("group_by");
  Iter it;
  iter_init(&it, st_group_by, blk);
  it.acc = kn_hash_new(vm);
  iter_run(vm, self, &it);
  return it.acc;
}

static void st_tally(VM *vm, Iter *it, VALUE v) {
  VALUE c;
  if (!kn_hash_lookup(vm, it->acc, v, &c)) c = INT2FIX(0);
  kn_hash_aset(vm, it->acc, v, FIXNUM_P(c) ? kn_int_new(vm, FIX2LONG(c) + 1)
                                           : kn_funcall(vm, c, vm->id_plus, 1, (VALUE[]){INT2FIX(1)}));
}

static VALUE enum_tally(ARGS) {
  UNUSED;
  Iter it;
  iter_init(&it, st_tally, Qnil);
  if (argc > 0) {
    it.acc = argv[0];
    if (!kn_is_type(it.acc, T_HASH)) {
      VALUE h = kn_check_convert(vm, it.acc, T_HASH, vm->id_to_hash);
      if (NIL_P(h)) kn_type_error(vm, it.acc, "Hash");
      it.acc = h;
    }
    kn_check_frozen(vm, it.acc);
  } else {
    it.acc = kn_hash_new(vm);
  }
  iter_run(vm, self, &it);
  return it.acc;
}

/* ---- searching ---------------------------------------------------------------------- */

static void st_find(VM *vm, Iter *it, VALUE v) {
  if (RTEST(kn_yield1(vm, it->blk, v))) iter_stop(vm, it, v);
}

static VALUE enum_find(ARGS) {
  UNUSED;
  RETURN_ENUM("find");
  Iter it;
  iter_init(&it, st_find, blk);
  iter_run(vm, self, &it);
  if (it.stopped) return it.result;
  if (argc > 0 && !NIL_P(argv[0])) return kn_funcall(vm, argv[0], vm->id_call, 0, NULL);
  return Qnil;
}

static VALUE enum_detect(ARGS) {
  UNUSED;
  RETURN_ENUM("detect");
  return enum_find(vm, self, argc, argv, blk);
}

static void st_find_index(VM *vm, Iter *it, VALUE v) {
  bool hit = it->has_arg ? kn_equal(vm, v, it->arg) : RTEST(kn_yield1(vm, it->blk, v));
  if (hit) { iter_stop(vm, it, INT2FIX(it->i)); return; }
  it->i++;
}

static VALUE enum_find_index(ARGS) {
  UNUSED;
  if (argc == 0) RETURN_ENUM("find_index");
  Iter it;
  iter_init(&it, st_find_index, blk);
  if (argc > 0) { it.arg = argv[0]; it.has_arg = true; }
  iter_run(vm, self, &it);
  return it.stopped ? it.result : Qnil;
}

static void st_include(VM *vm, Iter *it, VALUE v) {
  if (kn_equal(vm, v, it->arg)) iter_stop(vm, it, Qtrue);
}

static VALUE enum_include_p(ARGS) {
  UNUSED;
  Iter it;
  iter_init(&it, st_include, Qnil);
  it.arg = argv[0];
  iter_run(vm, self, &it);
  return KN_BOOL(it.stopped);
}

/* any? all? none? one?: n = kind, i = matches so far */
enum { Q_ANY, Q_ALL, Q_NONE, Q_ONE };

static void st_quant(VM *vm, Iter *it, VALUE v) {
  bool t;
  if (it->has_arg) t = RTEST(kn_funcall(vm, it->arg, vm->id_eqq, 1, &v));
  else if (!NIL_P(it->blk)) t = RTEST(kn_yield1(vm, it->blk, v));
  else t = RTEST(v);
  switch (it->n) {
  case Q_ANY: if (t) iter_stop(vm, it, Qtrue); break;
  case Q_ALL: if (!t) iter_stop(vm, it, Qfalse); break;
  case Q_NONE: if (t) iter_stop(vm, it, Qfalse); break;
  default: if (t && ++it->i > 1) iter_stop(vm, it, Qfalse); break;
  }
}

static VALUE quant(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk, int kind) {
  Iter it;
  iter_init(&it, st_quant, blk);
  it.n = kind;
  if (argc > 0) { it.arg = argv[0]; it.has_arg = true; }
  iter_run(vm, self, &it);
  if (it.stopped) return it.result;
  switch (kind) {
  case Q_ANY: return Qfalse;
  case Q_ALL: case Q_NONE: return Qtrue;
  default: return KN_BOOL(it.i == 1);
  }
}

static VALUE enum_any_p(ARGS) { UNUSED; return quant(vm, self, argc, argv, blk, Q_ANY); }
static VALUE enum_all_p(ARGS) { UNUSED; return quant(vm, self, argc, argv, blk, Q_ALL); }
static VALUE enum_none_p(ARGS) { UNUSED; return quant(vm, self, argc, argv, blk, Q_NONE); }
static VALUE enum_one_p(ARGS) { UNUSED; return quant(vm, self, argc, argv, blk, Q_ONE); }

static void st_count(VM *vm, Iter *it, VALUE v) {
  if (it->has_arg ? kn_equal(vm, v, it->arg) : NIL_P(it->blk) || RTEST(kn_yield1(vm, it->blk, v))) it->i++;
}

static VALUE enum_count(ARGS) {
  UNUSED;
  Iter it;
  iter_init(&it, st_count, blk);
  if (argc > 0) { it.arg = argv[0]; it.has_arg = true; }
  iter_run(vm, self, &it);
  return INT2FIX(it.i);
}

/* ---- first / take / drop ---------------------------------------------------------------- */

static void st_first1(VM *vm, Iter *it, VALUE v) { iter_stop(vm, it, v); }

static VALUE take_impl(VM *vm, VALUE self, long n) {
  if (n < 0) kn_raise(vm, vm->eArgumentError, "attempt to take negative size");
  return kn_enum_take(vm, self, n);
}

static VALUE enum_first(ARGS) {
  UNUSED;
  if (argc > 0) return take_impl(vm, self, num(vm, argv[0]));
  Iter it;
  iter_init(&it, st_first1, Qnil);
  iter_run(vm, self, &it);
  return it.stopped ? it.result : Qnil;
}

static VALUE enum_take(ARGS) { UNUSED; return take_impl(vm, self, num(vm, argv[0])); }

static void st_take_while(VM *vm, Iter *it, VALUE v) {
  if (!RTEST(kn_yield1(vm, it->blk, v))) { iter_stop(vm, it, Qnil); return; }
  kn_ary_push(vm, it->acc, v);
}

static VALUE enum_take_while(ARGS) {
  UNUSED;
  RETURN_ENUM("take_while");
  Iter it;
  iter_init(&it, st_take_while, blk);
  it.acc = kn_ary_new(vm);
  iter_run(vm, self, &it);
  return it.acc;
}

static void st_drop(VM *vm, Iter *it, VALUE v) {
  if (it->i < it->n) { it->i++; return; }
  kn_ary_push(vm, it->acc, v);
}

static VALUE enum_drop(ARGS) {
  UNUSED;
  long n = num(vm, argv[0]);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "attempt to drop negative size");
  Iter it;
  iter_init(&it, st_drop, Qnil);
  it.acc = kn_ary_new(vm);
  it.n = n;
  iter_run(vm, self, &it);
  return it.acc;
}

static void st_drop_while(VM *vm, Iter *it, VALUE v) {
  if (!it->i && RTEST(kn_yield1(vm, it->blk, v))) return;
  it->i = 1;
  kn_ary_push(vm, it->acc, v);
}

static VALUE enum_drop_while(ARGS) {
  UNUSED;
  RETURN_ENUM("drop_while");
  Iter it;
  iter_init(&it, st_drop_while, blk);
  it.acc = kn_ary_new(vm);
  iter_run(vm, self, &it);
  return it.acc;
}

/* ---- iteration helpers ------------------------------------------------------------------ */

static void st_with_index(VM *vm, Iter *it, VALUE v) { yield2(vm, it->blk, v, INT2FIX(it->i++)); }

static VALUE enum_each_with_index(ARGS) {
  UNUSED;
  RETURN_ENUM("each_with_index");
  Iter it;
  iter_init(&it, st_with_index, blk);
  iter_run_args(vm, self, &it, argc, argv);
  return self;
}

static void st_with_object(VM *vm, Iter *it, VALUE v) { yield2(vm, it->blk, v, it->arg); }

static VALUE enum_each_with_object(ARGS) {
  UNUSED;
  RETURN_ENUM("each_with_object");
  Iter it;
  iter_init(&it, st_with_object, blk);
  it.arg = argv[0];
  iter_run(vm, self, &it);
  return argv[0];
}

static void st_each_entry(VM *vm, Iter *it, VALUE v) { kn_yield1(vm, it->blk, v); }

static VALUE enum_each_entry(ARGS) {
  UNUSED;
  RETURN_ENUM("each_entry");
  Iter it;
  iter_init(&it, st_each_entry, blk);
  iter_run_args(vm, self, &it, argc, argv);
  return self;
}

static void st_each_slice(VM *vm, Iter *it, VALUE v) {
  kn_ary_push(vm, it->acc, v);
  if (LEN(it->acc) >= it->n) {
    VALUE chunk = it->acc;
    it->acc = kn_ary_new_capa(vm, it->n);
    kn_yield1(vm, it->blk, chunk);
  }
}

static VALUE enum_each_slice(ARGS) {
  UNUSED;
  long n = num(vm, argv[0]);
  if (n <= 0) kn_raise(vm, vm->eArgumentError, "invalid slice size");
  RETURN_ENUM("each_slice");
  Iter it;
  iter_init(&it, st_each_slice, blk);
  it.n = n;
  it.acc = kn_ary_new(vm);
  iter_run(vm, self, &it);
  if (LEN(it.acc) > 0) kn_yield1(vm, blk, it.acc);
  return self;
}

static void st_each_cons(VM *vm, Iter *it, VALUE v) {
  VALUE w = it->acc;
  if (LEN(w) == it->n) {
    memmove(PTR(w), PTR(w) + 1, (size_t)(LEN(w) - 1) * sizeof(VALUE));
    RARRAY(w)->len--;
  }
  kn_ary_push(vm, w, v);
  if (LEN(w) == it->n) kn_yield1(vm, it->blk, kn_ary_new_from(vm, LEN(w), PTR(w)));
}

static VALUE enum_each_cons(ARGS) {
  UNUSED;
  long n = num(vm, argv[0]);
  if (n <= 0) kn_raise(vm, vm->eArgumentError, "invalid size");
  RETURN_ENUM("each_cons");
  Iter it;
  iter_init(&it, st_each_cons, blk);
  it.n = n;
  it.acc = kn_ary_new_capa(vm, n);
  iter_run(vm, self, &it);
  return self;
}

static VALUE enum_cycle(ARGS) {
  UNUSED;
  RETURN_ENUM("cycle");
  long n = -1;
  if (argc > 0 && !NIL_P(argv[0])) {
    n = num(vm, argv[0]);
    if (n <= 0) return Qnil;
  }
  VALUE all = enum_to_a_impl(vm, self, 0, NULL);
  while (LEN(all) > 0 && (n < 0 || n-- > 0))
    for (long i = 0; i < LEN(all); i++) kn_yield1(vm, blk, PTR(all)[i]);
  return Qnil;
}

static VALUE enum_reverse_each(ARGS) {
  UNUSED;
  RETURN_ENUM("reverse_each");
  VALUE all = enum_to_a_impl(vm, self, argc, argv);
  for (long i = LEN(all) - 1; i >= 0; i--) kn_yield1(vm, blk, PTR(all)[i]);
  return self;
}

/* ---- reduction ---------------------------------------------------------------------------- */

static void st_inject(VM *vm, Iter *it, VALUE v) {
  if (it->acc == Qundef) { it->acc = v; return; }
  if (it->n) {
    ID op = (ID)it->n;
    if (op == vm->id_plus && FIXNUM_P(it->acc) && FIXNUM_P(v))
      it->acc = kn_int_new(vm, FIX2LONG(it->acc) + FIX2LONG(v));
    else
      it->acc = kn_funcall_public(vm, it->acc, op, 1, &v, Qnil);
    return;
  }
  it->acc = yield2(vm, it->blk, it->acc, v);
}

static ID to_op(VM *vm, VALUE v) {
  if (SYMBOL_P(v)) return SYM2ID(v);
  VALUE s = kn_check_convert(vm, v, T_STRING, vm->id_to_str);
  if (NIL_P(s)) kn_raise(vm, vm->eTypeError, "%s is not a symbol nor a string", kn_str_cstr(vm, kn_inspect(vm, v)));
  return SYM2ID(kn_str_intern(vm, s));
}

static VALUE enum_inject(ARGS) {
  UNUSED;
  Iter it;
  iter_init(&it, st_inject, blk);
  it.acc = Qundef;
  if (argc == 2) { it.acc = argv[0]; it.n = (long)to_op(vm, argv[1]); }
  else if (argc == 1 && NIL_P(blk)) it.n = (long)to_op(vm, argv[0]);
  else if (argc == 1) it.acc = argv[0];
  else if (NIL_P(blk)) kn_raise(vm, vm->eLocalJumpError, "no block given");
  iter_run(vm, self, &it);
  return it.acc == Qundef ? Qnil : it.acc;
}

/* Methods that need every value first: collect with to_a, then use Array's method. */
static VALUE via_array(VM *vm, VALUE self, const char *meth, int argc, VALUE *argv, VALUE blk) {
  VALUE all = enum_to_a_impl(vm, self, 0, NULL);
  return kn_funcall_block(vm, all, kn_intern(vm, meth), argc, argv, blk);
}

static VALUE enum_sum(ARGS) { UNUSED; return via_array(vm, self, "sum", argc, argv, blk); }
static VALUE enum_min(ARGS) { UNUSED; return via_array(vm, self, "min", argc, argv, blk); }
static VALUE enum_max(ARGS) { UNUSED; return via_array(vm, self, "max", argc, argv, blk); }
static VALUE enum_minmax(ARGS) { UNUSED; return via_array(vm, self, "minmax", argc, argv, blk); }
static VALUE enum_sort(ARGS) { UNUSED; return via_array(vm, self, "sort", argc, argv, blk); }
static VALUE enum_uniq(ARGS) { UNUSED; return via_array(vm, self, "uniq", argc, argv, blk); }
static void st_to_h(VM *vm, Iter *it, VALUE v) {
  VALUE e = NIL_P(it->blk) ? v : kn_yield1(vm, it->blk, v);
  VALUE pair = kn_is_type(e, T_ARRAY) ? e : (SPECIAL_CONST_P(e) ? Qnil : kn_check_array(vm, e));
  if (NIL_P(pair)) kn_raise(vm, vm->eTypeError, "wrong element type %s (expected array)", kn_obj_classname(vm, e));
  if (LEN(pair) != 2)
    kn_raise(vm, vm->eArgumentError, "element has wrong array length (expected 2, was %ld)", LEN(pair));
  kn_hash_aset(vm, it->acc, PTR(pair)[0], PTR(pair)[1]);
}

static VALUE enum_to_h(ARGS) {
  UNUSED;
  Iter it;
  iter_init(&it, st_to_h, blk);
  it.acc = kn_hash_new(vm);
  iter_run_args(vm, self, &it, argc, argv);
  return it.acc;
}
static VALUE enum_zip(ARGS) { UNUSED; return via_array(vm, self, "zip", argc, argv, blk); }

static VALUE enum_sort_by(ARGS) {
  UNUSED;
  RETURN_ENUM("sort_by");
  return via_array(vm, self, "sort_by", argc, argv, blk);
}

/* min_by / max_by: it->n is the sign wanted, acc the best key, aux the best value */
static int key_cmp(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return (intptr_t)a < (intptr_t)b ? -1 : a != b;
  return kn_cmp(vm, a, b);
}

static void st_min_by(VM *vm, Iter *it, VALUE v) {
  VALUE k = kn_yield1(vm, it->blk, v);
  if (it->acc == Qundef || key_cmp(vm, k, it->acc) * it->n > 0) { it->acc = k; it->aux = v; }
}

static VALUE by_impl(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk, int sign, const char *name) {
  if (NIL_P(blk)) return ret_enum(vm, self, name, argc, argv);
  if (argc > 0 && !NIL_P(argv[0])) {
    long n = num(vm, argv[0]);
    if (n < 0) kn_raise(vm, vm->eArgumentError, "negative size (%ld)", n);
    VALUE sorted = via_array(vm, self, "sort_by", 0, NULL, blk);
    if (sign > 0) {
      if (LEN(sorted) > n) RARRAY(sorted)->len = n;
      return sorted;
    }
    long len = LEN(sorted), m = n < len ? n : len;
    VALUE r = kn_ary_new_capa(vm, m);
    for (long i = 0; i < m; i++) kn_ary_push(vm, r, PTR(sorted)[len - 1 - i]);
    return r;
  }
  Iter it;
  iter_init(&it, st_min_by, blk);
  it.n = -sign;
  it.acc = Qundef;
  iter_run(vm, self, &it);
  return it.acc == Qundef ? Qnil : it.aux;
}

static VALUE enum_min_by(ARGS) { UNUSED; return by_impl(vm, self, argc, argv, blk, 1, "min_by"); }
static VALUE enum_max_by(ARGS) { UNUSED; return by_impl(vm, self, argc, argv, blk, -1, "max_by"); }

static VALUE enum_minmax_by(ARGS) {
  UNUSED;
  RETURN_ENUM("minmax_by");
  VALUE all = enum_to_a_impl(vm, self, 0, NULL);
  VALUE lo = Qnil, hi = Qnil, klo = Qundef, khi = Qundef;
  for (long i = 0; i < LEN(all); i++) {
    VALUE v = PTR(all)[i], k = kn_yield1(vm, blk, v);
    if (klo == Qundef || key_cmp(vm, k, klo) < 0) { klo = k; lo = v; }
    if (khi == Qundef || key_cmp(vm, k, khi) > 0) { khi = k; hi = v; }
  }
  return kn_ary_new_values(vm, 2, lo, hi);
}

/* ---- chunking --------------------------------------------------------------------------- */

/* Splits the values into runs: a new run starts between a and b when the block's verdict
 * on (a, b) equals split_when. Returns an Enumerator over the runs. */
static VALUE chunk_runs(VM *vm, VALUE self, VALUE blk, bool split_when) {
  if (NIL_P(blk)) kn_raise(vm, vm->eArgumentError, "tried to create Proc object without a block");
  VALUE all = enum_to_a_impl(vm, self, 0, NULL);
  VALUE runs = kn_ary_new(vm), cur = Qnil;
  for (long i = 0; i < LEN(all); i++) {
    VALUE v = PTR(all)[i];
    if (NIL_P(cur)) {
      cur = kn_ary_new_values(vm, 1, v);
      continue;
    }
    VALUE prev = PTR(cur)[LEN(cur) - 1];
    if (RTEST(yield2(vm, blk, prev, v)) == split_when) {
      kn_ary_push(vm, runs, cur);
      cur = kn_ary_new(vm);
    }
    kn_ary_push(vm, cur, v);
  }
  if (!NIL_P(cur)) kn_ary_push(vm, runs, cur);
  return kn_funcall(vm, runs, vm->id_to_enum, 0, NULL);
}

static VALUE enum_chunk_while(ARGS) { UNUSED; return chunk_runs(vm, self, blk, false); }
static VALUE enum_slice_when(ARGS) { UNUSED; return chunk_runs(vm, self, blk, true); }

/* chunk { |v| key }: consecutive values with the same key; nil and :_separator drop the
 * value, :_alone makes a run of its own. */
static VALUE enum_chunk(ARGS) {
  UNUSED;
  if (NIL_P(blk)) return ret_enum(vm, self, "chunk", 0, NULL);
  VALUE all = enum_to_a_impl(vm, self, 0, NULL);
  VALUE runs = kn_ary_new(vm), cur = Qnil, curkey = Qnil;
  VALUE sep = kn_sym(vm, "_separator"), alone = kn_sym(vm, "_alone");
  for (long i = 0; i < LEN(all); i++) {
    VALUE v = PTR(all)[i], k = kn_yield1(vm, blk, v);
    if (NIL_P(k) || k == sep) {
      if (!NIL_P(cur)) kn_ary_push(vm, runs, kn_ary_new_values(vm, 2, curkey, cur));
      cur = Qnil;
      continue;
    }
    if (SYMBOL_P(k) && k != alone && kn_id_name(vm, SYM2ID(k))[0] == '_')
      kn_raise(vm, vm->eRuntimeError, "symbols beginning with an underscore are reserved");
    if (!NIL_P(cur) && k != alone && kn_equal(vm, curkey, k)) {
      kn_ary_push(vm, cur, v);
      continue;
    }
    if (!NIL_P(cur)) kn_ary_push(vm, runs, kn_ary_new_values(vm, 2, curkey, cur));
    cur = kn_ary_new_values(vm, 1, v);
    curkey = k;
  }
  if (!NIL_P(cur)) kn_ary_push(vm, runs, kn_ary_new_values(vm, 2, curkey, cur));
  return kn_funcall(vm, runs, vm->id_to_enum, 0, NULL);
}

void kn_init_enumerable(VM *vm) {
  VALUE E = vm->cEnumerable;
  kn_define_method(vm, E, "to_a", enum_to_a, 0, -1);
  kn_define_method(vm, E, "entries", enum_to_a, 0, -1);
  kn_define_method(vm, E, "map", enum_map, 0, 0);
  kn_define_method(vm, E, "collect", enum_map, 0, 0);
  kn_define_method(vm, E, "flat_map", enum_flat_map, 0, 0);
  kn_define_method(vm, E, "collect_concat", enum_flat_map, 0, 0);
  kn_define_method(vm, E, "grep", enum_grep, 1, 1);
  kn_define_method(vm, E, "grep_v", enum_grep_v, 1, 1);
  kn_define_method(vm, E, "select", enum_select, 0, 0);
  kn_define_method(vm, E, "filter", enum_filter, 0, 0);
  kn_define_method(vm, E, "find_all", enum_find_all, 0, 0);
  kn_define_method(vm, E, "reject", enum_reject, 0, 0);
  kn_define_method(vm, E, "filter_map", enum_filter_map, 0, 0);
  kn_define_method(vm, E, "partition", enum_partition, 0, 0);
  kn_define_method(vm, E, "compact", enum_compact, 0, 0);
  kn_define_method(vm, E, "group_by", enum_group_by, 0, 0);
  kn_define_method(vm, E, "tally", enum_tally, 0, 1);
  kn_define_method(vm, E, "find", enum_find, 0, 1);
  kn_define_method(vm, E, "detect", enum_detect, 0, 1);
  kn_define_method(vm, E, "find_index", enum_find_index, 0, 1);
  kn_define_method(vm, E, "include?", enum_include_p, 1, 1);
  kn_define_method(vm, E, "member?", enum_include_p, 1, 1);
  kn_define_method(vm, E, "any?", enum_any_p, 0, 1);
  kn_define_method(vm, E, "all?", enum_all_p, 0, 1);
  kn_define_method(vm, E, "none?", enum_none_p, 0, 1);
  kn_define_method(vm, E, "one?", enum_one_p, 0, 1);
  kn_define_method(vm, E, "count", enum_count, 0, 1);
  kn_define_method(vm, E, "first", enum_first, 0, 1);
  kn_define_method(vm, E, "take", enum_take, 1, 1);
  kn_define_method(vm, E, "take_while", enum_take_while, 0, 0);
  kn_define_method(vm, E, "drop", enum_drop, 1, 1);
  kn_define_method(vm, E, "drop_while", enum_drop_while, 0, 0);
  kn_define_method(vm, E, "each_with_index", enum_each_with_index, 0, -1);
  kn_define_method(vm, E, "each_with_object", enum_each_with_object, 1, 1);
  kn_define_method(vm, E, "each_entry", enum_each_entry, 0, -1);
  kn_define_method(vm, E, "each_slice", enum_each_slice, 1, 1);
  kn_define_method(vm, E, "each_cons", enum_each_cons, 1, 1);
  kn_define_method(vm, E, "cycle", enum_cycle, 0, 1);
  kn_define_method(vm, E, "reverse_each", enum_reverse_each, 0, -1);
  kn_define_method(vm, E, "inject", enum_inject, 0, 2);
  kn_define_method(vm, E, "reduce", enum_inject, 0, 2);
  kn_define_method(vm, E, "sum", enum_sum, 0, 1);
  kn_define_method(vm, E, "min", enum_min, 0, 1);
  kn_define_method(vm, E, "max", enum_max, 0, 1);
  kn_define_method(vm, E, "minmax", enum_minmax, 0, 0);
  kn_define_method(vm, E, "min_by", enum_min_by, 0, 1);
  kn_define_method(vm, E, "max_by", enum_max_by, 0, 1);
  kn_define_method(vm, E, "minmax_by", enum_minmax_by, 0, 0);
  kn_define_method(vm, E, "sort", enum_sort, 0, 0);
  kn_define_method(vm, E, "sort_by", enum_sort_by, 0, 0);
  kn_define_method(vm, E, "uniq", enum_uniq, 0, 0);
  kn_define_method(vm, E, "to_h", enum_to_h, 0, -1);
  kn_define_method(vm, E, "zip", enum_zip, 0, -1);
  kn_define_method(vm, E, "chunk_while", enum_chunk_while, 0, 0);
  kn_define_method(vm, E, "slice_when", enum_slice_when, 0, 0);
  kn_define_method(vm, E, "chunk", enum_chunk, 0, 0);
}
