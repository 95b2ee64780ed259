/* error.c -- raising, the exception hierarchy, backtraces and the uncaught-exception report.
 * An exception is a T_OBJECT whose message and backtrace live in hidden ivars (names
 * without '@', so instance_variables does not list them). kn_raise_exc records the
 * backtrace if the exception has none and longjmps to the innermost handler: a
 * kn_vm_exec (which unwinds frames through catch tables) or a KN_TRY in C. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "vm_internal.h"

static ID id_mesg(VM *vm) { return kn_intern(vm, "__mesg"); }
static ID id_bt(VM *vm) { return kn_intern(vm, "__bt"); }
static ID id_cause(VM *vm) { return kn_intern(vm, "__cause"); }

_Noreturn void kn_jump(VM *vm, int state, VALUE errinfo) {
  vm->errinfo = errinfo;
  if (!vm->handler) {
    fprintf(stderr, "kiln: [BUG] no exception handler\n");
    kn_flush_all(vm);
    abort();
  }
  longjmp(vm->handler->buf, state);
}

VALUE kn_exc_new_str(VM *vm, VALUE klass, VALUE msg) {
  return kn_funcall(vm, klass, vm->id_new, 1, &msg);
}

VALUE kn_exc_new(VM *vm, VALUE klass, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  VALUE msg = kn_str_vprintf(vm, fmt, ap);
  va_end(ap);
  return kn_exc_new_str(vm, klass, msg);
}

const char *kn_frame_method_name(VM *vm, Frame *f) {
  if (f->iseq) return f->iseq->name;
  if (f->mid) return kn_id_name(vm, f->mid);
  if (f->me) return kn_id_name(vm, f->me->name);
  return "?";
}

int kn_frame_line(Frame *f) {
  if (!f->iseq) return 0;
  return kn_iseq_line(f->iseq, f->pc);
}

VALUE kn_backtrace(VM *vm, int skip) {
  VALUE a = kn_ary_new(vm);
  if (!vm->frames) return a;
  for (Frame *f = vm->cfp; f >= vm->frames; f--) {
    if (!f->iseq && !(f->flags & FRAME_CFUNC)) continue;
    if (skip > 0) { skip--; continue; }
    const char *file;
    int line;
    if (f->iseq) {
      file = f->iseq->file;
      line = kn_frame_line(f);
    } else {
      Frame *g = f - 1;
      while (g >= vm->frames && !g->iseq) g--;
      if (g < vm->frames) continue;
      file = g->iseq->file;
      line = kn_frame_line(g);
    }
    kn_ary_push(vm, a, kn_str_printf(vm, "%s:%d:in `%s'", file, line, kn_frame_method_name(vm, f)));
  }
  return a;
}

VALUE kn_exc_set_backtrace_here(VM *vm, VALUE exc) {
  if (!kn_is_type(exc, T_OBJECT)) return exc;
  if (!NIL_P(kn_ivar_get(vm, exc, id_bt(vm)))) return exc;
  kn_ivar_set(vm, exc, id_bt(vm), kn_backtrace(vm, 0));
  return exc;
}

_Noreturn void kn_raise_exc(VM *vm, VALUE exc) {
  if (kn_is_type(exc, T_OBJECT) && vm->eException && kn_obj_is_kind_of(vm, exc, vm->eException)) {
    kn_exc_set_backtrace_here(vm, exc);
    if (vm->errinfo && vm->errinfo != exc && !kn_is_type(vm->errinfo, T_THROW) && !NIL_P(vm->errinfo) &&
        !kn_ivar_defined(vm, exc, id_cause(vm)))
      kn_ivar_set(vm, exc, id_cause(vm), vm->errinfo);
  }
  kn_jump(vm, KN_TAG_RAISE, exc);
}

_Noreturn void kn_raise_str(VM *vm, VALUE klass, VALUE msg) {
  kn_raise_exc(vm, kn_exc_new_str(vm, klass, msg));
}

_Noreturn void kn_raise(VM *vm, VALUE klass, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  VALUE msg = kn_str_vprintf(vm, fmt, ap);
  va_end(ap);
  kn_raise_str(vm, klass, msg);
}

_Noreturn void kn_raise_sysstack(VM *vm) {
  VALUE e = kn_obj_alloc(vm, T_OBJECT, vm->eSystemStackError);
  kn_ivar_set(vm, e, id_mesg(vm), kn_str_new_cstr(vm, "stack level too deep"));
  kn_ivar_set(vm, e, id_bt(vm), kn_ary_new(vm));
  kn_jump(vm, KN_TAG_RAISE, e);
}

_Noreturn void kn_arity_error(VM *vm, int given, int min, int max) {
  if (min == max) kn_raise(vm, vm->eArgumentError, "wrong number of arguments (given %d, expected %d)", given, min);
  if (max < 0) kn_raise(vm, vm->eArgumentError, "wrong number of arguments (given %d, expected %d+)", given, min);
  kn_raise(vm, vm->eArgumentError, "wrong number of arguments (given %d, expected %d..%d)", given, min, max);
}

static const char *special_name(VM *vm, VALUE obj) {
  (void)vm;
  if (NIL_P(obj)) return "nil";
  if (obj == Qtrue) return "true";
  if (obj == Qfalse) return "false";
  return NULL;
}

_Noreturn void kn_type_error(VM *vm, VALUE obj, const char *expected) {
  const char *s = special_name(vm, obj);
  kn_raise(vm, vm->eTypeError, "no implicit conversion of %s into %s", s ? s : kn_obj_classname(vm, obj), expected);
}

_Noreturn void kn_frozen_error(VM *vm, VALUE obj) {
  VALUE s = kn_inspect(vm, obj);
  VALUE cname = kn_class_name(vm, kn_obj_class(vm, obj));
  VALUE e = kn_exc_new(vm, vm->eFrozenError, "can't modify frozen %V: %V", cname, s);
  kn_ivar_set(vm, e, kn_intern(vm, "__receiver"), obj);
  kn_raise_exc(vm, e);
}

void kn_check_frozen(VM *vm, VALUE obj) {
  if (KN_FROZEN_P(obj)) kn_frozen_error(vm, obj);
}

_Noreturn void kn_name_error(VM *vm, ID name, VALUE recv, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  VALUE msg = kn_str_vprintf(vm, fmt, ap);
  va_end(ap);
  VALUE e = kn_exc_new_str(vm, vm->eNameError, msg);
  kn_ivar_set(vm, e, kn_intern(vm, "__name"), ID2SYM(name));
  kn_ivar_set(vm, e, kn_intern(vm, "__receiver"), recv);
  kn_raise_exc(vm, e);
}

/* The receiver in CRuby 3.1's NameError/NoMethodError messages: its inspect (the
 * default #<Foo:0x...> form when inspect fails or is longer than 65 bytes), followed by
 * ":ClassName" unless it starts with '#': "nil:NilClass", "5:Integer", "main:Object",
 * "Foo:Class", "#<Foo:0x... @a=1>". */
VALUE kn_obj_describe(VM *vm, VALUE obj) {
  VALUE s = Qnil;
  if (kn_respond_to(vm, obj, kn_intern(vm, "inspect"), true)) {   /* BasicObject has none */
    KN_TRY(vm) {
      s = kn_inspect(vm, obj);
    } KN_CATCH(vm) {
      s = Qnil;
    } KN_END(vm);
  }
  if (!kn_is_type(s, T_STRING) || RSTRING_LEN(s) > 65) s = kn_any_to_s(vm, obj);
  if (RSTRING_LEN(s) > 0 && RSTRING_PTR(s)[0] == '#') return s;
  return kn_str_printf(vm, "%V:%V", s, kn_class_name(vm, kn_obj_class(vm, obj)));
}

static VALUE describe_31(VM *vm, VALUE obj) { return kn_obj_describe(vm, obj); }

_Noreturn void kn_no_method_error(VM *vm, VALUE recv, ID mid, int argc, const VALUE *argv, bool priv_call) {
  VALUE desc = describe_31(vm, recv);
  const MethodEntry *me = kn_method_lookup(vm, kn_class_of(vm, recv), mid);
  VALUE msg;
  VALUE cls = vm->eNoMethodError;
  Frame *f = vm->cfp;
  bool vcall = false;
  (void)f;
  if (me && me->vis == VIS_PRIVATE && !priv_call)
    msg = kn_str_printf(vm, "private method `%s' called for %V", kn_id_name(vm, mid), desc);
  else if (me && me->vis == VIS_PROTECTED)
    msg = kn_str_printf(vm, "protected method `%s' called for %V", kn_id_name(vm, mid), desc);
  else if (priv_call && argc == 0 && vm->cfp->iseq == NULL && 0)
    msg = kn_str_printf(vm, "undefined local variable or method `%s' for %V", kn_id_name(vm, mid), desc);
  else
    msg = kn_str_printf(vm, "undefined method `%s' for %V", kn_id_name(vm, mid), desc);
  (void)vcall;
  VALUE e = kn_exc_new_str(vm, cls, msg);
  kn_ivar_set(vm, e, kn_intern(vm, "__name"), ID2SYM(mid));
  kn_ivar_set(vm, e, kn_intern(vm, "__receiver"), recv);
  kn_ivar_set(vm, e, kn_intern(vm, "__args"), kn_ary_new_from(vm, argc, argv));
  kn_raise_exc(vm, e);
}

_Noreturn void kn_sys_fail(VM *vm, const char *what) {
  int e = errno;
  VALUE klass = vm->eSystemCallError;
  switch (e) {
  case ENOENT: klass = vm->eErrnoENOENT; break;
  case EACCES: klass = vm->eErrnoEACCES; break;
  case EEXIST: klass = vm->eErrnoEEXIST; break;
  case EISDIR: klass = vm->eErrnoEISDIR; break;
  case ENOTDIR: klass = vm->eErrnoENOTDIR; break;
  case EPIPE: klass = vm->eErrnoEPIPE; break;
  case EINVAL: klass = vm->eErrnoEINVAL; break;
  default: break;
  }
  kn_raise(vm, klass, "%s - %s", strerror(e), what);
}

VALUE kn_exc_message(VM *vm, VALUE exc) {
  VALUE m = kn_funcall(vm, exc, vm->id_message, 0, NULL);
  if (!kn_is_type(m, T_STRING)) m = kn_obj_as_string(vm, m);
  return m;
}

/* "file:line:in `m': message (Class)" + "\tfrom ..." lines, as CRuby 3.1 prints. */
void kn_print_error(VM *vm, VALUE exc, FILE *out) {
  (void)out;
  VALUE bt = kn_ivar_get(vm, exc, id_bt(vm));
  VALUE s = kn_str_new(vm, "", 0);
  VALUE msg = Qnil;
  KN_TRY(vm) {
    msg = kn_exc_message(vm, exc);
  } KN_CATCH(vm) {
    msg = kn_str_new_cstr(vm, "");
  } KN_END(vm);
  VALUE cname = kn_class_name(vm, kn_obj_class(vm, exc));
  if (kn_is_type(bt, T_ARRAY) && RARRAY_LEN(bt) > 0) {
    kn_str_append(vm, s, RARRAY_PTR(bt)[0]);
    kn_str_cat_cstr(vm, s, ": ");
  } else {
    kn_str_cat_cstr(vm, s, vm->main_file ? vm->main_file : "-");
    kn_str_cat_cstr(vm, s, ": ");
  }
  if (RSTRING_LEN(msg) == 0) {   /* CRuby prints the class name alone */
    kn_str_append(vm, s, cname);
    kn_str_cat_cstr(vm, s, "\n");
  } else {
    const char *p = RSTRING_PTR(msg);
    const char *nl = memchr(p, '\n', RSTRING_LEN(msg));
    if (nl) {
      kn_str_cat(vm, s, p, nl - p);
      kn_str_cat_cstr(vm, s, " (");
      kn_str_append(vm, s, cname);
      kn_str_cat_cstr(vm, s, ")");
      kn_str_cat(vm, s, nl, RSTRING_LEN(msg) - (nl - p));
      if (p[RSTRING_LEN(msg) - 1] != '\n') kn_str_cat_cstr(vm, s, "\n");
    } else {
      kn_str_append(vm, s, msg);
      kn_str_cat_cstr(vm, s, " (");
      kn_str_append(vm, s, cname);
      kn_str_cat_cstr(vm, s, ")\n");
    }
  }
  if (kn_is_type(bt, T_ARRAY))
    for (long i = 1; i < RARRAY_LEN(bt); i++) {
      kn_str_cat_cstr(vm, s, "\tfrom ");
      kn_str_append(vm, s, RARRAY_PTR(bt)[i]);
      kn_str_cat_cstr(vm, s, "\n");
    }
  kn_flush_all(vm);
  fwrite(RSTRING_PTR(s), 1, RSTRING_LEN(s), stderr);
  fflush(stderr);
}

/* ---- Exception methods ----------------------------------------------------------------- */
static VALUE exc_s_exception(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  return kn_funcall_block(vm, self, vm->id_new, argc, argv, blk);
}

static VALUE exc_initialize(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  kn_ivar_set(vm, self, id_mesg(vm), argc > 0 ? argv[0] : Qnil);
  return Qnil;
}

static VALUE exc_to_s(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  VALUE m = kn_ivar_get(vm, self, id_mesg(vm));
  if (NIL_P(m)) return kn_class_name(vm, kn_obj_class(vm, self));
  if (!kn_is_type(m, T_STRING)) return kn_obj_as_string(vm, m);
  return m;
}

static VALUE exc_message(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  return kn_funcall(vm, self, vm->id_to_s, 0, NULL);
}

static VALUE exc_detailed_message(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  VALUE m = kn_exc_message(vm, self);
  return kn_str_printf(vm, "%V (%V)", m, kn_class_name(vm, kn_obj_class(vm, self)));
}

static VALUE exc_inspect(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  VALUE cname = kn_class_name(vm, kn_obj_class(vm, self));
  VALUE m = kn_funcall(vm, self, vm->id_to_s, 0, NULL);
  if (!kn_is_type(m, T_STRING) || RSTRING_LEN(m) == 0) return cname;
  return kn_str_printf(vm, "#<%V: %V>", cname, m);
}

static VALUE exc_backtrace(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  return kn_ivar_get(vm, self, id_bt(vm));
}

static VALUE exc_set_backtrace(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)blk;
  VALUE bt = argv[0];
  if (kn_is_type(bt, T_STRING)) bt = kn_ary_new_values(vm, 1, bt);
  kn_ivar_set(vm, self, id_bt(vm), bt);
  return bt;
}

/* Exception#full_message(highlight: false, order: :top|:bottom), CRuby 3.1's layout:
 * "LOC: first line (Class)\nrest of message" then "\tfrom LOC" lines (order: :top), or a
 * "Traceback (most recent call last):" header and numbered lines first (order: :bottom). */
static VALUE exc_full_message(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  bool bottom = false;
  if (argc > 0 && kn_is_type(argv[argc - 1], T_HASH)) {
    VALUE o = kn_hash_aref(vm, argv[argc - 1], kn_sym(vm, "order"));
    bottom = o == kn_sym(vm, "bottom");
  }
  VALUE bt = kn_ivar_get(vm, self, id_bt(vm));
  long nbt = kn_is_type(bt, T_ARRAY) ? RARRAY_LEN(bt) : 0;
  VALUE msg = kn_exc_message(vm, self);
  VALUE s = kn_str_new(vm, "", 0);
  if (bottom && nbt > 1) {
    kn_str_cat_cstr(vm, s, "Traceback (most recent call last):\n");
    for (long i = nbt - 1; i >= 1; i--) {
      VALUE line = kn_str_printf(vm, "\t%ld: from %V\n", i, RARRAY_PTR(bt)[i]);
      kn_str_append(vm, s, line);
    }
  }
  if (nbt > 0) kn_str_append(vm, s, RARRAY_PTR(bt)[0]);
  else kn_str_cat_cstr(vm, s, vm->main_file ? vm->main_file : "-");
  kn_str_cat_cstr(vm, s, ": ");
  VALUE cname = kn_class_name(vm, kn_obj_class(vm, self));
  const char *m = RSTRING_PTR(msg);
  long mlen = RSTRING_LEN(msg);
  const char *nl = mlen ? memchr(m, '\n', (size_t)mlen) : NULL;
  if (mlen == 0) {
    kn_str_append(vm, s, cname);
  } else {
    kn_str_cat(vm, s, m, nl ? nl - m : mlen);
    kn_str_cat_cstr(vm, s, " (");
    kn_str_append(vm, s, cname);
    kn_str_cat_cstr(vm, s, ")");
    if (nl) kn_str_cat(vm, s, nl, mlen - (nl - m));
  }
  if (!bottom)
    for (long i = 1; i < nbt; i++) {
      kn_str_cat_cstr(vm, s, "\n\tfrom ");
      kn_str_append(vm, s, RARRAY_PTR(bt)[i]);
    }
  return s;
}

static VALUE exc_cause(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  return kn_ivar_get(vm, self, id_cause(vm));
}

static VALUE exc_eq(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)blk;
  VALUE o = argv[0];
  if (self == o) return Qtrue;
  if (kn_obj_class(vm, self) != kn_obj_class(vm, o)) return Qfalse;
  return KN_BOOL(kn_equal(vm, kn_exc_message(vm, self), kn_exc_message(vm, o)));
}

static VALUE exc_exception(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  if (argc == 0 || argv[0] == self) return self;
  VALUE e = kn_obj_clone(vm, self);
  kn_ivar_set(vm, e, id_mesg(vm), argv[0]);
  return e;
}

static VALUE get_hidden(VM *vm, VALUE self, const char *name) { return kn_ivar_get(vm, self, kn_intern(vm, name)); }
static VALUE name_err_name(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk; return get_hidden(vm, self, "__name");
}
static VALUE name_err_receiver(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk; return get_hidden(vm, self, "__receiver");
}
static VALUE name_err_initialize(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  kn_ivar_set(vm, self, id_mesg(vm), argc > 0 ? argv[0] : Qnil);
  if (argc > 1) kn_ivar_set(vm, self, kn_intern(vm, "__name"), argv[1]);
  if (argc > 2 && kn_is_type(argv[argc - 1], T_HASH)) {
    VALUE r;
    if (kn_hash_lookup(vm, argv[argc - 1], kn_sym(vm, "receiver"), &r)) kn_ivar_set(vm, self, kn_intern(vm, "__receiver"), r);
  }
  return Qnil;
}
static VALUE key_err_key(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk; return get_hidden(vm, self, "__key");
}
static VALUE key_err_initialize(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  int n = argc;
  if (n > 0 && kn_is_type(argv[n - 1], T_HASH)) {
    VALUE h = argv[n - 1], v;
    if (kn_hash_lookup(vm, h, kn_sym(vm, "receiver"), &v)) { kn_ivar_set(vm, self, kn_intern(vm, "__receiver"), v); n--; }
    if (kn_hash_lookup(vm, h, kn_sym(vm, "key"), &v)) { kn_ivar_set(vm, self, kn_intern(vm, "__key"), v); if (n == argc) n--; }
  }
  kn_ivar_set(vm, self, id_mesg(vm), n > 0 ? argv[0] : Qnil);
  return Qnil;
}
static VALUE stop_iter_result(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk; return get_hidden(vm, self, "__result");
}
static VALUE ljump_exit_value(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk; return get_hidden(vm, self, "@exit_value");
}
static VALUE ljump_reason(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk; return get_hidden(vm, self, "@reason");
}
static VALUE sysexit_initialize(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  VALUE status = INT2FIX(0);
  int i = 0;
  if (argc > 0 && (FIXNUM_P(argv[0]) || argv[0] == Qtrue || argv[0] == Qfalse)) {
    status = argv[0] == Qtrue ? INT2FIX(0) : argv[0] == Qfalse ? INT2FIX(1) : argv[0];
    i = 1;
  }
  kn_ivar_set(vm, self, kn_intern(vm, "__status"), status);
  kn_ivar_set(vm, self, id_mesg(vm), i < argc ? argv[i] : Qnil);   /* to_s: the class name */
  return Qnil;
}
static VALUE sysexit_status(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk; return get_hidden(vm, self, "__status");
}
static VALUE sysexit_success(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk; return KN_BOOL(get_hidden(vm, self, "__status") == INT2FIX(0));
}
static VALUE frozen_err_receiver(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk; return get_hidden(vm, self, "__receiver");
}
static VALUE uncaught_tag(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk; return get_hidden(vm, self, "__tag");
}
static VALUE uncaught_value(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk; return get_hidden(vm, self, "__value");
}
static VALUE nomethod_args(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  VALUE a = get_hidden(vm, self, "__args");
  return NIL_P(a) ? kn_ary_new(vm) : a;
}

static VALUE defclass(VM *vm, const char *name, VALUE super) { return kn_define_class(vm, name, super); }

/* Creates the exception hierarchy (called during bootstrap, before other core inits). */
void kn_init_exception(VM *vm) {
  VALUE E = vm->eException = defclass(vm, "Exception", vm->cObject);
  kn_define_singleton_method(vm, E, "exception", exc_s_exception, 0, -1);
  kn_define_method(vm, E, "initialize", exc_initialize, 0, 1);
  kn_define_method(vm, E, "to_s", exc_to_s, 0, 0);
  kn_define_method(vm, E, "message", exc_message, 0, 0);
  kn_define_method(vm, E, "detailed_message", exc_detailed_message, 0, -1);
  kn_define_method(vm, E, "inspect", exc_inspect, 0, 0);
  kn_define_method(vm, E, "backtrace", exc_backtrace, 0, 0);
  kn_define_method(vm, E, "set_backtrace", exc_set_backtrace, 1, 1);
  kn_define_method(vm, E, "full_message", exc_full_message, 0, -1);
  kn_define_method(vm, E, "cause", exc_cause, 0, 0);
  kn_define_method(vm, E, "==", exc_eq, 1, 1);
  kn_define_method(vm, E, "exception", exc_exception, 0, 1);
  vm->eNoMemoryError = defclass(vm, "NoMemoryError", E);
  vm->eScriptError = defclass(vm, "ScriptError", E);
  vm->eLoadError = defclass(vm, "LoadError", vm->eScriptError);
  vm->eNotImplementedError = defclass(vm, "NotImplementedError", vm->eScriptError);
  vm->eSyntaxError = defclass(vm, "SyntaxError", vm->eScriptError);
  vm->eSecurityError = defclass(vm, "SecurityError", E);
  vm->eSignalException = defclass(vm, "SignalException", E);
  vm->eInterrupt = defclass(vm, "Interrupt", vm->eSignalException);
  vm->eSystemExit = defclass(vm, "SystemExit", E);
  kn_define_method(vm, vm->eSystemExit, "initialize", sysexit_initialize, 0, 2);
  kn_define_method(vm, vm->eSystemExit, "status", sysexit_status, 0, 0);
  kn_define_method(vm, vm->eSystemExit, "success?", sysexit_success, 0, 0);
  vm->eSystemStackError = defclass(vm, "SystemStackError", E);
  VALUE S = vm->eStandardError = defclass(vm, "StandardError", E);
  vm->eArgumentError = defclass(vm, "ArgumentError", S);
  vm->eUncaughtThrowError = defclass(vm, "UncaughtThrowError", vm->eArgumentError);
  kn_define_method(vm, vm->eUncaughtThrowError, "tag", uncaught_tag, 0, 0);
  kn_define_method(vm, vm->eUncaughtThrowError, "value", uncaught_value, 0, 0);
  vm->eEncodingError = defclass(vm, "EncodingError", S);
  vm->eFiberError = defclass(vm, "FiberError", S);
  vm->eIOError = defclass(vm, "IOError", S);
  vm->eEOFError = defclass(vm, "EOFError", vm->eIOError);
  vm->eIndexError = defclass(vm, "IndexError", S);
  vm->eKeyError = defclass(vm, "KeyError", vm->eIndexError);
  kn_define_method(vm, vm->eKeyError, "initialize", key_err_initialize, 0, -1);
  kn_define_method(vm, vm->eKeyError, "key", key_err_key, 0, 0);
  kn_define_method(vm, vm->eKeyError, "receiver", name_err_receiver, 0, 0);
  vm->eStopIteration = defclass(vm, "StopIteration", vm->eIndexError);
  kn_define_method(vm, vm->eStopIteration, "result", stop_iter_result, 0, 0);
  vm->eClosedQueueError = defclass(vm, "ClosedQueueError", vm->eStopIteration);
  vm->eLocalJumpError = defclass(vm, "LocalJumpError", S);
  kn_define_method(vm, vm->eLocalJumpError, "exit_value", ljump_exit_value, 0, 0);
  kn_define_method(vm, vm->eLocalJumpError, "reason", ljump_reason, 0, 0);
  vm->eNameError = defclass(vm, "NameError", S);
  kn_define_method(vm, vm->eNameError, "initialize", name_err_initialize, 0, -1);
  kn_define_method(vm, vm->eNameError, "name", name_err_name, 0, 0);
  kn_define_method(vm, vm->eNameError, "receiver", name_err_receiver, 0, 0);
  vm->eNoMethodError = defclass(vm, "NoMethodError", vm->eNameError);
  kn_define_method(vm, vm->eNoMethodError, "args", nomethod_args, 0, 0);
  vm->eRangeError = defclass(vm, "RangeError", S);
  vm->eFloatDomainError = defclass(vm, "FloatDomainError", vm->eRangeError);
  vm->eRegexpError = defclass(vm, "RegexpError", S);
  vm->eRuntimeError = defclass(vm, "RuntimeError", S);
  vm->eFrozenError = defclass(vm, "FrozenError", vm->eRuntimeError);
  kn_define_method(vm, vm->eFrozenError, "receiver", frozen_err_receiver, 0, 0);
  vm->eSystemCallError = defclass(vm, "SystemCallError", S);
  vm->eThreadError = defclass(vm, "ThreadError", S);
  vm->eTypeError = defclass(vm, "TypeError", S);
  vm->eZeroDivisionError = defclass(vm, "ZeroDivisionError", S);
  vm->eNoMatchingPatternError = defclass(vm, "NoMatchingPatternError", S);
  vm->eNoMatchingPatternKeyError = defclass(vm, "NoMatchingPatternKeyError", vm->eNoMatchingPatternError);
  VALUE errno_mod = kn_define_module(vm, "Errno");
  vm->eErrnoENOENT = kn_define_class_under(vm, errno_mod, "ENOENT", vm->eSystemCallError);
  vm->eErrnoEACCES = kn_define_class_under(vm, errno_mod, "EACCES", vm->eSystemCallError);
  vm->eErrnoEEXIST = kn_define_class_under(vm, errno_mod, "EEXIST", vm->eSystemCallError);
  vm->eErrnoEISDIR = kn_define_class_under(vm, errno_mod, "EISDIR", vm->eSystemCallError);
  vm->eErrnoENOTDIR = kn_define_class_under(vm, errno_mod, "ENOTDIR", vm->eSystemCallError);
  vm->eErrnoEPIPE = kn_define_class_under(vm, errno_mod, "EPIPE", vm->eSystemCallError);
  vm->eErrnoEINVAL = kn_define_class_under(vm, errno_mod, "EINVAL", vm->eSystemCallError);
  vm->eMathDomainError = kn_define_class_under(vm, vm->cMath, "DomainError", vm->eStandardError);   /* as in CRuby 3.1 */
}
