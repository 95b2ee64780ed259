/* kernel.c -- Kernel's module functions that need the VM itself: raise, loop, catch/throw,
 * require/load/eval (through vm->compile), exit/abort/at_exit, conversion functions,
 * rand, lambda/proc/block_given?; and nil/true/false's methods. Output methods (puts,
 * print, p) live in src/core/io.c. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "vm_internal.h"
#include "../core/numeric.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED (void)vm; (void)self; (void)argc; (void)argv; (void)blk

/* ---- raise ---------------------------------------------------------------------------- */
static VALUE make_exception(VM *vm, int argc, VALUE *argv) {
  if (argc == 0) {
    VALUE cur = vm->errinfo;
    if (cur && !NIL_P(cur) && !kn_is_type(cur, T_THROW)) return cur;
    return kn_exc_new_str(vm, vm->eRuntimeError, kn_str_new_cstr(vm, "unhandled exception"));
  }
  VALUE a = argv[0];
  if (kn_is_type(a, T_STRING) && argc == 1) return kn_exc_new_str(vm, vm->eRuntimeError, a);
  if (!kn_respond_to(vm, a, vm->id_exception, true))
    kn_raise(vm, vm->eTypeError, "exception class/object expected");
  VALUE e = kn_funcall(vm, a, vm->id_exception, argc > 1 ? 1 : 0, argv + 1);
  if (!kn_obj_is_kind_of(vm, e, vm->eException)) kn_raise(vm, vm->eTypeError, "exception object expected");
  if (argc > 2) kn_funcall(vm, e, kn_intern(vm, "set_backtrace"), 1, argv + 2);
  return e;
}

static VALUE k_raise(ARGS) {
  UNUSED;
  int n = argc;
  VALUE cause = Qundef;
  if (n > 0 && kn_is_type(argv[n - 1], T_HASH)) {
    VALUE c;
    if (kn_hash_lookup(vm, argv[n - 1], kn_sym(vm, "cause"), &c)) { cause = c; n--; }
  }
  VALUE e = make_exception(vm, n, argv);
  if (cause != Qundef) kn_ivar_set(vm, e, kn_intern(vm, "__cause"), cause);
  /* the backtrace is taken from the caller of raise */
  Frame *saved = vm->cfp;
  vm->cfp = saved - 1;
  kn_exc_set_backtrace_here(vm, e);
  vm->cfp = saved;
  kn_raise_exc(vm, e);
}

/* ---- loop, catch/throw ------------------------------------------------------------------- */
static VALUE k_loop(ARGS) {
  UNUSED;
  if (NIL_P(blk)) return kn_funcall(vm, self, vm->id_to_enum, 1, (VALUE[]){kn_sym(vm, "loop")});
  VALUE result = Qnil;
  KN_TRY(vm) {
    for (;;) kn_yield(vm, blk, 0, NULL);
  } KN_CATCH(vm) {
    VALUE e = vm->errinfo;
    if (!kn_is_type(e, T_THROW) && kn_obj_is_kind_of(vm, e, vm->eStopIteration)) {
      result = kn_ivar_get(vm, e, kn_intern(vm, "__result"));
      vm->errinfo = Qnil;
    } else {
      kn_jump(vm, kn_tag, e);
    }
  } KN_END(vm);
  return result;
}

static VALUE k_catch(ARGS) {
  UNUSED;
  VALUE tag = argc > 0 ? argv[0] : kn_obj_alloc(vm, T_OBJECT, vm->cObject);
  volatile VALUE vtag = tag;
  VALUE result = Qnil;
  KN_TRY(vm) {
    result = kn_yield1(vm, blk, tag);
  } KN_CATCH(vm) {
    VALUE e = vm->errinfo;
    if (kn_is_type(e, T_THROW) && RTHROW(e)->state == KN_TAG_THROW &&
        RTHROW(e)->tag == vtag) {
      result = RTHROW(e)->value;
      vm->errinfo = Qnil;
    } else {
      kn_jump(vm, kn_tag, e);
    }
  } KN_END(vm);
  return result;
}

static VALUE k_throw(ARGS) {
  UNUSED;
  VALUE tag = argv[0];
  VALUE value = argc > 1 ? argv[1] : Qnil;
  /* is there a matching catch? walk the C handlers is not possible: check frames */
  bool found = false;
  for (Frame *f = vm->cfp; f >= vm->frames; f--) {
    if (f->me && f->me->type == ME_CFUNC && f->me->cfunc == k_catch) {
      VALUE t = f->argc > 0 ? f->base[1] : Qundef;
      if (t == Qundef || t == tag) { found = true; break; }   /* identity, as in CRuby */
    }
  }
  if (!found) {
    VALUE s = kn_inspect(vm, tag);
    VALUE e = kn_exc_new(vm, vm->eUncaughtThrowError, "uncaught throw %s", kn_str_cstr(vm, s));
    kn_ivar_set(vm, e, kn_intern(vm, "__tag"), tag);
    kn_ivar_set(vm, e, kn_intern(vm, "__value"), value);
    kn_raise_exc(vm, e);
  }
  kn_jump(vm, KN_TAG_THROW, kn_throw_new(vm, KN_TAG_THROW, value, NULL, tag));
}

/* ---- blocks ------------------------------------------------------------------------------- */
static VALUE k_block_given(ARGS) {
  UNUSED;
  Frame *f = kn_vm_caller_frame(vm);
  if (f->flags & FRAME_BLOCK) {
    VALUE *root = f->ep;
    while (kn_ep_parent(root)) root = kn_ep_parent(root);
    for (Frame *g = f; g >= vm->frames; g--) if (g->ep == root && !(g->flags & FRAME_BLOCK)) { f = g; break; }
  }
  return KN_BOOL(!NIL_P(f->blockh) && f->blockh != 0);
}

static VALUE k_lambda(ARGS) {
  UNUSED;
  if (NIL_P(blk)) kn_raise(vm, vm->eArgumentError, "tried to create Proc object without a block");
  if (!KN_BH_IS_BLOCK(blk)) return blk;
  return kn_proc_from_block(vm, KN_BH_BLOCK(blk), true);
}

static VALUE k_proc(ARGS) {
  UNUSED;
  if (NIL_P(blk)) kn_raise(vm, vm->eArgumentError, "tried to create Proc object without a block");
  return kn_block_proc(vm, blk);
}

static VALUE k_method_name(ARGS) {
  UNUSED;
  Frame *f = kn_vm_caller_frame(vm);
  if (f->me) return ID2SYM(f->me->original_name ? f->me->original_name : f->me->name);
  return Qnil;
}

/* __dir__: the absolute directory of the caller's file (nil for -e / eval) */
static VALUE k_dir(ARGS) {
  UNUSED;
  Frame *f = kn_vm_caller_frame(vm);
  const char *file = f && f->iseq ? f->iseq->file : NULL;
  if (!file || strcmp(file, "-e") == 0 || strcmp(file, "-") == 0 || strncmp(file, "(eval", 5) == 0)
    return Qnil;
  char real[PATH_MAX];
  if (!realpath(file, real)) snprintf(real, sizeof real, "%s", file);
  char *slash = strrchr(real, '/');
  if (slash == real) slash[1] = 0;
  else if (slash) *slash = 0;
  else snprintf(real, sizeof real, ".");
  return kn_str_new_cstr(vm, real);
}

/* caller(start = 1, length = nil): the backtrace of the calling method, without its
 * first `start` lines, at most `length` of them (nil when start is past the end) */
static VALUE k_caller(ARGS) {
  UNUSED;
  long skip = argc > 0 ? kn_num2long(vm, argv[0]) : 1;
  if (skip < 0) kn_raise(vm, vm->eArgumentError, "negative level (%ld)", skip);
  long len = argc > 1 && !NIL_P(argv[1]) ? kn_num2long(vm, argv[1]) : -1;
  if (argc > 1 && len < 0) kn_raise(vm, vm->eArgumentError, "negative size (%ld)", len);
  VALUE all = kn_backtrace(vm, 1);
  if (skip > RARRAY_LEN(all)) return Qnil;
  long n = RARRAY_LEN(all) - skip;
  if (len >= 0 && len < n) n = len;
  return kn_ary_new_from(vm, n, RARRAY_PTR(all) + skip);
}
/* caller_locations: caller as Thread::Backtrace::Location objects */
static VALUE k_caller_locations(ARGS) {
  VALUE bt = k_caller(vm, self, argc, argv, blk);
  return NIL_P(bt) ? Qnil : kn_backtrace_locations(vm, bt);
}

/* ---- exit --------------------------------------------------------------------------------- */
static VALUE k_exit(ARGS) {
  UNUSED;
  VALUE args[2] = {argc > 0 ? argv[0] : INT2FIX(0), kn_str_new_cstr(vm, "exit")};
  VALUE e = kn_funcall(vm, vm->eSystemExit, vm->id_new, 2, args);
  kn_raise_exc(vm, e);
}

static VALUE k_exit_bang(ARGS) {
  UNUSED;
  int status = 0;
  if (argc > 0) status = argv[0] == Qtrue ? 0 : argv[0] == Qfalse ? 1 : (int)kn_num2long(vm, argv[0]);
  kn_flush_all(vm);
  _exit(status);
}

static VALUE k_abort(ARGS) {
  UNUSED;
  if (argc > 0) {
    VALUE msg = kn_check_string(vm, argv[0]);
    kn_flush_all(vm);
    fwrite(RSTRING_PTR(msg), 1, RSTRING_LEN(msg), stderr);
    fputc('\n', stderr);
    VALUE e = kn_funcall(vm, vm->eSystemExit, vm->id_new, 2, (VALUE[]){INT2FIX(1), msg});
    kn_raise_exc(vm, e);
  }
  VALUE e = kn_funcall(vm, vm->eSystemExit, vm->id_new, 2, (VALUE[]){INT2FIX(1), kn_str_new_cstr(vm, "exit")});
  kn_raise_exc(vm, e);
}

static VALUE k_at_exit(ARGS) {
  UNUSED;
  if (NIL_P(blk)) kn_raise(vm, vm->eArgumentError, "called without a block");
  VALUE p = kn_block_proc(vm, blk);
  kn_ary_push(vm, vm->at_exit_procs, p);
  return p;
}

/* ---- conversions ---------------------------------------------------------------------------- */
static VALUE k_Integer(ARGS) {
  UNUSED;
  VALUE v = argv[0];
  int base = 0;
  bool exc = true;
  int n = argc;
  if (n > 1 && kn_is_type(argv[n - 1], T_HASH)) {
    VALUE e;
    if (kn_hash_lookup(vm, argv[n - 1], kn_sym(vm, "exception"), &e)) exc = RTEST(e);
    n--;
  }
  if (n > 1) base = (int)kn_num2long(vm, argv[1]);
  if (kn_is_type(v, T_STRING)) {
    VALUE r = kn_str_to_inum(vm, RSTRING_PTR(v), RSTRING_LEN(v), base, true);
    if (NIL_P(r)) {
      if (!exc) return Qnil;
      VALUE s = kn_inspect(vm, v);
      kn_raise(vm, vm->eArgumentError, "invalid value for Integer(): %s", kn_str_cstr(vm, s));
    }
    return r;
  }
  if (kn_integer_p(v)) return v;
  if (kn_float_p(v)) {
    double d = kn_float_value(v);
    if (d != d || d == 1.0 / 0.0 || d == -1.0 / 0.0) {
      if (!exc) return Qnil;
      kn_raise(vm, vm->eFloatDomainError, "%s", kn_str_cstr(vm, kn_float_to_s(vm, d)));
    }
    return kn_funcall(vm, v, vm->id_to_i, 0, NULL);
  }
  if (NIL_P(v)) {
    if (!exc) return Qnil;
    kn_raise(vm, vm->eTypeError, "can't convert nil into Integer");
  }
  if (kn_respond_to(vm, v, vm->id_to_int, true)) return kn_funcall(vm, v, vm->id_to_int, 0, NULL);
  if (kn_respond_to(vm, v, vm->id_to_i, true)) return kn_funcall(vm, v, vm->id_to_i, 0, NULL);
  if (!exc) return Qnil;
  kn_raise(vm, vm->eTypeError, "can't convert %s into Integer", kn_obj_classname(vm, v));
}

static VALUE k_Float(ARGS) {
  UNUSED;
  VALUE v = argv[0];
  bool exc = true;
  if (argc > 1 && kn_is_type(argv[argc - 1], T_HASH)) {
    VALUE e;
    if (kn_hash_lookup(vm, argv[argc - 1], kn_sym(vm, "exception"), &e)) exc = RTEST(e);
  }
  if (kn_is_type(v, T_STRING)) {
    VALUE r = kn_str_to_dbl(vm, RSTRING_PTR(v), RSTRING_LEN(v), true);
    if (NIL_P(r)) {
      if (!exc) return Qnil;
      VALUE s = kn_inspect(vm, v);
      kn_raise(vm, vm->eArgumentError, "invalid value for Float(): %s", kn_str_cstr(vm, s));
    }
    return r;
  }
  if (kn_float_p(v)) return v;
  if (kn_integer_p(v)) return kn_float_new(vm, kn_num2dbl(vm, v));
  if (kn_is_type(v, T_RATIONAL)) return kn_float_new(vm, kn_rational_to_dbl(v));
  if (NIL_P(v)) {
    if (!exc) return Qnil;
    kn_raise(vm, vm->eTypeError, "can't convert nil into Float");
  }
  if (kn_respond_to(vm, v, vm->id_to_f, true)) return kn_funcall(vm, v, vm->id_to_f, 0, NULL);
  if (!exc) return Qnil;
  kn_raise(vm, vm->eTypeError, "can't convert %s into Float", kn_obj_classname(vm, v));
}

static VALUE k_String(ARGS) {
  UNUSED;
  VALUE v = argv[0];
  if (kn_is_type(v, T_STRING)) return v;
  if (kn_respond_to(vm, v, vm->id_to_str, true)) return kn_funcall(vm, v, vm->id_to_str, 0, NULL);
  return kn_funcall(vm, v, vm->id_to_s, 0, NULL);
}

static VALUE k_Array(ARGS) {
  UNUSED;
  VALUE v = argv[0];
  if (kn_is_type(v, T_ARRAY)) return v;
  if (NIL_P(v)) return kn_ary_new(vm);
  VALUE a = kn_check_array(vm, v);
  if (!NIL_P(a)) return a;
  if (kn_respond_to(vm, v, vm->id_to_a, true)) {
    a = kn_funcall(vm, v, vm->id_to_a, 0, NULL);
    if (kn_is_type(a, T_ARRAY)) return a;
  }
  return kn_ary_new_values(vm, 1, v);
}

static VALUE k_Hash(ARGS) {
  UNUSED;
  VALUE v = argv[0];
  if (kn_is_type(v, T_HASH)) return v;
  if (NIL_P(v) || (kn_is_type(v, T_ARRAY) && RARRAY_LEN(v) == 0)) return kn_hash_new(vm);
  if (!kn_respond_to(vm, v, vm->id_to_hash, true))
    kn_raise(vm, vm->eTypeError, "can't convert %s into Hash", kn_obj_classname(vm, v));
  return kn_funcall(vm, v, vm->id_to_hash, 0, NULL);
}

/* ---- random ---------------------------------------------------------------------------------- */
static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t next_rand(VM *vm) {
  uint64_t *s = vm->rand_state;
  uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
  return result;
}
double kn_random_real(VM *vm) { return (next_rand(vm) >> 11) * (1.0 / 9007199254740992.0); }
long kn_random_long(VM *vm, long n) { return n <= 0 ? 0 : (long)(next_rand(vm) % (uint64_t)n); }

static void seed_rand(VM *vm, uint64_t seed) {
  for (int i = 0; i < 4; i++) { seed = seed * 6364136223846793005ULL + 1442695040888963407ULL; vm->rand_state[i] = seed ^ (seed >> 29); }
}

static VALUE rand_value(VM *vm, VALUE limit) {
  if (NIL_P(limit) || limit == Qfalse) return kn_float_new(vm, kn_random_real(vm));
  if (kn_float_p(limit)) {
    double d = kn_float_value(limit);
    if (d == 0) return kn_float_new(vm, kn_random_real(vm));
    return kn_float_new(vm, kn_random_real(vm) * (d < 0 ? -d : d));
  }
  if (kn_is_type(limit, T_RANGE)) {
    VALUE b = RRANGE(limit)->beg, e = RRANGE(limit)->end;
    bool excl = RBASIC(limit)->flags & FL_EXCL;
    if (kn_float_p(b) || kn_float_p(e)) {
      double lo = kn_num2dbl(vm, b), hi = kn_num2dbl(vm, e);
      return kn_float_new(vm, lo + kn_random_real(vm) * (hi - lo));
    }
    long lo = kn_num2long(vm, b), hi = kn_num2long(vm, e);
    if (excl) hi--;
    if (hi < lo) return Qnil;
    return kn_int_new(vm, lo + kn_random_long(vm, hi - lo + 1));
  }
  long n = kn_num2long(vm, limit);
  if (n < 0) n = -n;
  if (n == 0) return kn_float_new(vm, kn_random_real(vm));
  return kn_int_new(vm, kn_random_long(vm, n));
}

static VALUE k_rand(ARGS) { UNUSED; return rand_value(vm, argc > 0 ? argv[0] : Qnil); }
static VALUE k_srand(ARGS) {
  UNUSED;
  VALUE old = vm->rand_seed ? vm->rand_seed : INT2FIX(0);
  long seed = argc > 0 ? kn_num2long(vm, argv[0]) : (long)time(NULL);
  seed_rand(vm, (uint64_t)seed);
  vm->rand_seed = kn_int_new(vm, seed);
  return old;
}
static VALUE random_new(ARGS) {
  UNUSED;
  VALUE r = kn_obj_alloc(vm, T_OBJECT, self);
  if (argc > 0) { seed_rand(vm, (uint64_t)kn_num2long(vm, argv[0])); kn_ivar_set(vm, r, kn_intern(vm, "@seed"), argv[0]); }
  return r;
}
static VALUE random_rand(ARGS) { UNUSED; return rand_value(vm, argc > 0 ? argv[0] : Qnil); }

static VALUE k_sleep(ARGS) {
  UNUSED;
  double d = argc > 0 ? kn_num2dbl(vm, argv[0]) : 0;
  kn_flush_all(vm);
  struct timespec ts = {(time_t)d, (long)((d - (time_t)d) * 1e9)};
  nanosleep(&ts, NULL);
  return INT2FIX((long)(d + 0.5));
}

/* ---- require / load / eval ------------------------------------------------------------------ */
static VALUE load_file(VM *vm, const char *path, bool wrap) {
  (void)wrap;
  FILE *f = fopen(path, "rb");
  if (!f) kn_raise(vm, vm->eLoadError, "cannot load such file -- %s", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = kn_xmalloc(n + 1);
  size_t got = fread(buf, 1, n, f);
  fclose(f);
  buf[got] = 0;
  VALUE exc = Qnil;
  Iseq *is = vm->compile(vm, buf, got, kn_xstrdup(path), 1, NULL, &exc);
  free(buf);
  if (!is) kn_raise_exc(vm, exc);
  return kn_vm_run_iseq(vm, is, vm->top_self, vm->top_cref, NULL, 0, FRAME_TOP, Qnil, NULL);
}

static bool file_exists(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static VALUE require_path(VM *vm, const char *path) {
  char full[PATH_MAX];
  if (!realpath(path, full)) snprintf(full, sizeof full, "%s", path);
  VALUE fs = kn_str_new_cstr(vm, full);
  for (long i = 0; i < RARRAY_LEN(vm->loaded_features); i++)
    if (kn_str_equal(RARRAY_PTR(vm->loaded_features)[i], fs)) return Qfalse;
  kn_ary_push(vm, vm->loaded_features, fs);
  load_file(vm, path, false);
  return Qtrue;
}

static bool resolve(const char *base, const char *name, char *out, size_t n) {
  snprintf(out, n, "%s%s%s", base ? base : "", base ? "/" : "", name);
  if (file_exists(out)) return true;
  snprintf(out, n, "%s%s%s.rb", base ? base : "", base ? "/" : "", name);
  return file_exists(out);
}

static VALUE k_require(ARGS) {
  UNUSED;
  VALUE name = kn_check_string(vm, argv[0]);
  const char *s = kn_str_cstr(vm, name);
  char path[PATH_MAX];
  /* libraries kiln provides natively or does not need */
  static const char *const builtin[] = {"set", "pp", "prettyprint", "enumerator", "rational", "complex",
                                        "thread", "fiber", "stringio", "English", NULL};
  for (int i = 0; builtin[i]; i++) if (strcmp(s, builtin[i]) == 0) return Qfalse;
  if (s[0] == '/' || s[0] == '.') {
    if (resolve(NULL, s, path, sizeof path)) return require_path(vm, path);
  } else {
    VALUE lp = kn_gvar_get(vm, kn_intern(vm, "$LOAD_PATH"));
    if (kn_is_type(lp, T_ARRAY))
      for (long i = 0; i < RARRAY_LEN(lp); i++)
        if (resolve(kn_str_cstr(vm, RARRAY_PTR(lp)[i]), s, path, sizeof path)) return require_path(vm, path);
    if (resolve(".", s, path, sizeof path) && 0) return require_path(vm, path);
  }
  VALUE e = kn_exc_new(vm, vm->eLoadError, "cannot load such file -- %s", s);
  kn_raise_exc(vm, e);
}

static VALUE k_require_relative(ARGS) {
  UNUSED;
  VALUE name = kn_check_string(vm, argv[0]);
  Frame *f = kn_vm_caller_frame(vm);
  const char *file = f->iseq ? f->iseq->file : ".";
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", file);
  char *slash = strrchr(dir, '/');
  if (slash) *slash = 0; else snprintf(dir, sizeof dir, ".");
  char path[PATH_MAX];
  const char *s = kn_str_cstr(vm, name);
  if (s[0] == '/') { if (resolve(NULL, s, path, sizeof path)) return require_path(vm, path); }
  else if (resolve(dir, s, path, sizeof path)) return require_path(vm, path);
  char tried[PATH_MAX * 2 + 2];
  snprintf(tried, sizeof tried, "%s/%s", dir, s);
  char real[PATH_MAX];
  if (dir[0] != '/' && getcwd(real, sizeof real))
    kn_raise(vm, vm->eLoadError, "cannot load such file -- %s/%s", real, tried);
  kn_raise(vm, vm->eLoadError, "cannot load such file -- %s", tried);
}

static VALUE k_load(ARGS) {
  UNUSED;
  VALUE name = kn_check_string(vm, argv[0]);
  const char *s = kn_str_cstr(vm, name);
  if (!file_exists(s)) kn_raise(vm, vm->eLoadError, "cannot load such file -- %s", s);
  load_file(vm, s, argc > 1 && RTEST(argv[1]));
  return Qtrue;
}

VALUE kn_binding_eval(VM *vm, VALUE src, Frame *f, const char *file, int line) {
  VALUE exc = Qnil;
  Iseq *is = vm->compile(vm, RSTRING_PTR(src), RSTRING_LEN(src), file, line, f, &exc);
  if (!is) kn_raise_exc(vm, exc);
  return kn_vm_run_iseq(vm, is, f->self, f->cref, f->ep, f->env, FRAME_EVAL | FRAME_BLOCK, f->blockh, f->me);
}

static VALUE k_eval(ARGS) {
  UNUSED;
  VALUE src = kn_check_string(vm, argv[0]);
  Frame *f = kn_vm_caller_frame(vm);
  if (argc > 1 && !NIL_P(argv[1])) {
    VALUE b = argv[1];
    if (!kn_is_type(b, T_DATA)) kn_raise(vm, vm->eTypeError, "wrong argument type %s (expected binding)", kn_obj_classname(vm, b));
    f = (Frame *)RDATA(b)->data;
  }
  const char *file = argc > 2 ? kn_str_cstr(vm, argv[2]) : "(eval)";
  int line = argc > 3 ? (int)kn_num2long(vm, argv[3]) : 1;
  return kn_binding_eval(vm, src, f, file, line);
}

/* Binding: captures the caller's frame; valid while that frame runs (enough for eval). */
static const DataType binding_type = {"Binding", NULL, NULL};
static VALUE k_binding(ARGS) {
  UNUSED;
  Frame *f = kn_vm_caller_frame(vm);
  return kn_data_new(vm, vm->cBinding, &binding_type, f);
}
static VALUE binding_eval(ARGS) {
  UNUSED;
  Frame *f = kn_data_get(vm, self, &binding_type);
  VALUE src = kn_check_string(vm, argv[0]);
  return kn_binding_eval(vm, src, f, argc > 1 ? kn_str_cstr(vm, argv[1]) : "(eval)", 1);
}
static VALUE binding_local_variable_get(ARGS) {
  UNUSED;
  Frame *f = kn_data_get(vm, self, &binding_type);
  VALUE src = kn_id_str(vm, SYM2ID(argv[0]));
  return kn_binding_eval(vm, src, f, "(eval)", 1);
}
static VALUE binding_receiver(ARGS) { UNUSED; return ((Frame *)kn_data_get(vm, self, &binding_type))->self; }

static VALUE k_frozen_literal_hook(ARGS) { UNUSED; return Qnil; }

static VALUE k_object_id_hook(ARGS) { UNUSED; return Qnil; }

/* ---- nil / true / false ------------------------------------------------------------------------ */
static VALUE nil_to_s(ARGS) { UNUSED; VALUE s = kn_str_new(vm, "", 0); return s; }
static VALUE nil_to_a(ARGS) { UNUSED; return kn_ary_new(vm); }
static VALUE nil_to_h(ARGS) { UNUSED; return kn_hash_new(vm); }
static VALUE nil_to_i(ARGS) { UNUSED; return INT2FIX(0); }
static VALUE nil_to_f(ARGS) { UNUSED; return kn_float_new(vm, 0.0); }
static VALUE nil_inspect(ARGS) { UNUSED; return kn_str_new_cstr(vm, "nil"); }
static VALUE nil_and(ARGS) { UNUSED; return Qfalse; }
static VALUE nil_or(ARGS) { UNUSED; return KN_BOOL(RTEST(argv[0])); }
static VALUE true_to_s(ARGS) { UNUSED; return kn_str_new_cstr(vm, "true"); }
static VALUE true_and(ARGS) { UNUSED; return KN_BOOL(RTEST(argv[0])); }
static VALUE true_or(ARGS) { UNUSED; return Qtrue; }
static VALUE true_xor(ARGS) { UNUSED; return KN_BOOL(!RTEST(argv[0])); }
static VALUE false_to_s(ARGS) { UNUSED; return kn_str_new_cstr(vm, "false"); }
static VALUE false_xor(ARGS) { UNUSED; return KN_BOOL(RTEST(argv[0])); }

static VALUE gc_start(ARGS) { UNUSED; kn_gc(vm); return Qnil; }
static VALUE gc_noop(ARGS) { UNUSED; return Qnil; }

void kn_init_vm_kernel(VM *vm) {
  VALUE K = vm->cKernel;
  kn_define_module_function(vm, K, "raise", k_raise, 0, -1);
  kn_define_module_function(vm, K, "fail", k_raise, 0, -1);
  kn_define_module_function(vm, K, "loop", k_loop, 0, 0);
  kn_define_module_function(vm, K, "catch", k_catch, 0, 1);
  kn_define_module_function(vm, K, "throw", k_throw, 1, 2);
  kn_define_module_function(vm, K, "block_given?", k_block_given, 0, 0);
  kn_define_module_function(vm, K, "iterator?", k_block_given, 0, 0);   /* deprecated alias */
  kn_define_module_function(vm, K, "lambda", k_lambda, 0, 0);
  kn_define_module_function(vm, K, "proc", k_proc, 0, 0);
  kn_define_module_function(vm, K, "__method__", k_method_name, 0, 0);
  kn_define_module_function(vm, K, "__dir__", k_dir, 0, 0);
  kn_define_module_function(vm, K, "caller", k_caller, 0, 2);
  kn_define_module_function(vm, K, "caller_locations", k_caller_locations, 0, 2);
  kn_define_module_function(vm, K, "exit", k_exit, 0, 1);
  kn_define_module_function(vm, K, "exit!", k_exit_bang, 0, 1);
  kn_define_module_function(vm, K, "abort", k_abort, 0, 1);
  kn_define_module_function(vm, K, "at_exit", k_at_exit, 0, 0);
  kn_define_module_function(vm, K, "Integer", k_Integer, 1, 3);
  kn_define_module_function(vm, K, "Float", k_Float, 1, 2);
  kn_define_module_function(vm, K, "String", k_String, 1, 1);
  kn_define_module_function(vm, K, "Array", k_Array, 1, 1);
  kn_define_module_function(vm, K, "Hash", k_Hash, 1, 1);
  kn_define_module_function(vm, K, "rand", k_rand, 0, 1);
  kn_define_module_function(vm, K, "srand", k_srand, 0, 1);
  kn_define_module_function(vm, K, "sleep", k_sleep, 0, 1);
  kn_define_module_function(vm, K, "require", k_require, 1, 1);
  kn_define_module_function(vm, K, "require_relative", k_require_relative, 1, 1);
  kn_define_module_function(vm, K, "load", k_load, 1, 2);
  kn_define_module_function(vm, K, "eval", k_eval, 1, 4);
  kn_define_module_function(vm, K, "binding", k_binding, 0, 0);
  (void)k_frozen_literal_hook; (void)k_object_id_hook;
  kn_define_method(vm, vm->cBinding, "eval", binding_eval, 1, 3);
  kn_define_method(vm, vm->cBinding, "local_variable_get", binding_local_variable_get, 1, 1);
  kn_define_method(vm, vm->cBinding, "receiver", binding_receiver, 0, 0);
  kn_define_singleton_method(vm, vm->cRandom, "new", random_new, 0, 1);
  kn_define_singleton_method(vm, vm->cRandom, "rand", random_rand, 0, 1);
  kn_define_method(vm, vm->cRandom, "rand", random_rand, 0, 1);
  kn_define_singleton_method(vm, vm->cRandom, "srand", k_srand, 0, 1);
  VALUE N = vm->cNilClass, T = vm->cTrueClass, F = vm->cFalseClass;
  kn_define_method(vm, N, "to_s", nil_to_s, 0, 0);
  kn_define_method(vm, N, "to_a", nil_to_a, 0, 0);
  kn_define_method(vm, N, "to_h", nil_to_h, 0, 0);
  kn_define_method(vm, N, "to_i", nil_to_i, 0, 0);
  kn_define_method(vm, N, "to_f", nil_to_f, 0, 0);
  kn_define_method(vm, N, "inspect", nil_inspect, 0, 0);
  kn_define_method(vm, N, "&", nil_and, 1, 1);
  kn_define_method(vm, N, "|", nil_or, 1, 1);
  kn_define_method(vm, N, "^", nil_or, 1, 1);
  kn_define_method(vm, T, "to_s", true_to_s, 0, 0);
  kn_define_method(vm, T, "inspect", true_to_s, 0, 0);
  kn_define_method(vm, T, "&", true_and, 1, 1);
  kn_define_method(vm, T, "|", true_or, 1, 1);
  kn_define_method(vm, T, "^", true_xor, 1, 1);
  kn_define_method(vm, F, "to_s", false_to_s, 0, 0);
  kn_define_method(vm, F, "inspect", false_to_s, 0, 0);
  kn_define_method(vm, F, "&", nil_and, 1, 1);
  kn_define_method(vm, F, "|", nil_or, 1, 1);
  kn_define_method(vm, F, "^", false_xor, 1, 1);
  VALUE G = kn_define_module(vm, "GC");
  kn_define_singleton_method(vm, G, "start", gc_start, 0, -1);
  kn_define_singleton_method(vm, G, "disable", gc_noop, 0, 0);
  kn_define_singleton_method(vm, G, "enable", gc_noop, 0, 0);
  kn_gvar_set(vm, kn_intern(vm, "$LOAD_PATH"), kn_ary_new(vm));
  kn_gvar_set(vm, kn_intern(vm, "$:"), kn_gvar_get(vm, kn_intern(vm, "$LOAD_PATH")));
  kn_gvar_set(vm, kn_intern(vm, "$,"), Qnil);
  kn_gvar_set(vm, kn_intern(vm, "$/"), kn_str_new_cstr(vm, "\n"));
  kn_define_const(vm, vm->cObject, "RUBY_VERSION", kn_obj_freeze(vm, kn_str_new_cstr(vm, "3.1.0")));
  kn_define_const(vm, vm->cObject, "RUBY_ENGINE", kn_obj_freeze(vm, kn_str_new_cstr(vm, "kiln")));
  kn_define_const(vm, vm->cObject, "RUBY_PLATFORM", kn_obj_freeze(vm, kn_str_new_cstr(vm, "x86_64-linux")));
  kn_define_const(vm, vm->cObject, "RUBY_PATCHLEVEL", INT2FIX(0));
  kn_define_const(vm, vm->cObject, "RUBY_RELEASE_DATE", kn_obj_freeze(vm, kn_str_new_cstr(vm, "2026-11-22")));
  kn_define_const(vm, vm->cObject, "RUBY_COPYRIGHT", kn_obj_freeze(vm, kn_str_new_cstr(vm, "kiln - a Ruby VM with a tiered JIT")));
}
