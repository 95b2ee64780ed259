/* error.c -- raising, the exception hierarchy, backtraces and the uncaught-exception report.
 * An exception is a T_OBJECT whose message and backtrace live in hidden ivars (names
 * without '@', so instance_variables does not list them). kn_raise_exc records the
 * backtrace if the exception has none and longjmps to the innermost handler: a
 * kn_vm_exec (which unwinds frames through catch tables) or a KN_TRY in C. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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
    if ((f->flags & FRAME_CTOR) && f - 1 >= vm->frames && f[-1].iseq) {
      /* the Class#new C frame compiled code did without: at the caller's line */
      if (skip > 0) { skip--; continue; }
      kn_ary_push(vm, a, kn_str_printf(vm, "%s:%d:in `new'", f[-1].iseq->file, kn_frame_line(f - 1)));
    }
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

/* The receiver in CRuby 3.1's NameError/NoMethodError messages: a class or module's
 * `name` (when it returns non-nil), else its inspect (the default #<Foo:0x...> form when
 * inspect raises or is not a String; no length limit), followed by ":ClassName" (of the
 * real class) unless it starts with '#': "nil:NilClass", "5:Integer", "main:Object",
 * "Foo:Class", "#<Foo:0x... @a=1>". May call Ruby (name, inspect); never raises. */
VALUE kn_obj_describe(VM *vm, VALUE obj) {
  VALUE s = Qnil;
  if (kn_is_type(obj, T_CLASS) || kn_is_type(obj, T_MODULE)) {
    KN_TRY(vm) {
      s = kn_funcall(vm, obj, kn_intern(vm, "name"), 0, NULL);
    } KN_CATCH(vm) {
      s = Qnil;
    } KN_END(vm);
  }
  if (!kn_is_type(s, T_STRING) && kn_respond_to(vm, obj, kn_intern(vm, "inspect"), true)) {
    /* BasicObject has no inspect */
    KN_TRY(vm) {
      s = kn_inspect(vm, obj);
    } KN_CATCH(vm) {
      s = Qnil;
    } KN_END(vm);
  }
  if (!kn_is_type(s, T_STRING)) s = kn_any_to_s(vm, obj);
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
  if (priv_call) kn_ivar_set(vm, e, kn_intern(vm, "__private_call"), Qtrue);
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

/* ---- the error report ----------------------------------------------------------------
 * One writer for the uncaught-exception report (stderr) and Exception#full_message (a
 * String), laid out as CRuby 3.1's eval_error.c:
 *
 *   order :top     LOC: first line (Class)      order :bottom   Traceback (most recent call last):
 *                  rest of the message                          \tN: from LOC   (backtrace, reversed)
 *                  \tfrom LOC  (backtrace[1..])                  ...
 *                  the cause's report, and so on                 LOC: first line (Class)...
 *
 * (for :bottom the cause's report comes first). `highlight` adds the ANSI bold/underline
 * CRuby uses on a terminal; `escape` (the stderr report only) shows control characters of
 * the message as \e, \x01, ... and doubles backslashes. */
typedef struct Report {
  VALUE out;        /* String being written */
  bool highlight;
  bool escape;
  bool at_exit;     /* no live frame: a missing location is the main file alone */
} Report;

static const char HL_UNDERLINE[] = "\033[1;4m", HL_BOLD[] = "\033[1m", HL_RESET[] = "\033[m";

static void rep_cat(VM *vm, Report *r, const char *s) { kn_str_cat_cstr(vm, r->out, s); }
static void rep_hl(VM *vm, Report *r, const char *s) { if (r->highlight) kn_str_cat_cstr(vm, r->out, s); }

/* Appends message bytes, escaped for a terminal when r->escape (CRuby's write_warnq). */
static void rep_msg(VM *vm, Report *r, const char *p, long len) {
  if (!r->escape) { kn_str_cat(vm, r->out, p, len); return; }
  for (long i = 0; i < len; i++) {
    unsigned char c = (unsigned char)p[i];
    const char *esc = NULL;
    char buf[8];
    if (c == '\\') esc = "\\\\";
    else if (c < 0x20 && c != '\n' && c != '\t') {
      switch (c) {
      case 0: esc = "\\0"; break;
      case '\a': esc = "\\a"; break;
      case '\b': esc = "\\b"; break;
      case '\v': esc = "\\v"; break;
      case '\f': esc = "\\f"; break;
      case '\r': esc = "\\r"; break;
      case 033: esc = "\\e"; break;
      default: snprintf(buf, sizeof buf, "\\x%02X", c); esc = buf; break;
      }
    } else if (c == 0x7f) esc = "\\c?";
    if (esc) kn_str_cat_cstr(vm, r->out, esc);
    else kn_str_cat(vm, r->out, (const char *)&p[i], 1);
  }
}

/* "file:line:in `callee': " for an exception without a backtrace: the innermost Ruby
 * frame's position and the running method (full_message itself), or the main file alone
 * once the program has finished (CRuby's error_pos). */
static void rep_error_pos(VM *vm, Report *r) {
  Frame *g = r->at_exit || !vm->frames ? NULL : vm->cfp;
  while (g && g >= vm->frames && !g->iseq) g--;
  if (!g || g < vm->frames) {
    rep_cat(vm, r, vm->main_file ? vm->main_file : "-");
    rep_cat(vm, r, ": ");
    return;
  }
  Frame *top = vm->cfp;
  bool named = top != g || (g->iseq && g->iseq->type == ISEQ_METHOD);
  if (named)
    kn_str_append(vm, r->out, kn_str_printf(vm, "%s:%d:in `%s': ", g->iseq->file, kn_frame_line(g),
                                            kn_frame_method_name(vm, top)));
  else
    kn_str_append(vm, r->out, kn_str_printf(vm, "%s:%d: ", g->iseq->file, kn_frame_line(g)));
}

/* The exception's line(s): "LOC: message (Class)\n" with CRuby's special cases (an empty
 * RuntimeError message is "unhandled exception", an empty one the class name, an anonymous
 * class is not named, only the first line of the message is followed by the class). */
static void rep_errinfo(VM *vm, Report *r, VALUE eclass, VALUE errat, VALUE emesg) {
  if (NIL_P(errat) || RARRAY_LEN(errat) == 0 || !kn_is_type(RARRAY_PTR(errat)[0], T_STRING)) {
    rep_error_pos(vm, r);
  } else {
    kn_str_append(vm, r->out, RARRAY_PTR(errat)[0]);
    rep_cat(vm, r, ": ");
  }
  const char *einfo = NIL_P(emesg) ? "" : RSTRING_PTR(emesg);
  long elen = NIL_P(emesg) ? 0 : RSTRING_LEN(emesg);
  if (eclass == vm->eRuntimeError && elen == 0) {
    rep_hl(vm, r, HL_UNDERLINE);
    rep_cat(vm, r, "unhandled exception");
    rep_hl(vm, r, HL_RESET);
    rep_cat(vm, r, "\n");
    return;
  }
  VALUE epath = kn_class_name(vm, eclass);
  if (elen == 0) {
    rep_hl(vm, r, HL_UNDERLINE);
    kn_str_append(vm, r->out, epath);
    rep_hl(vm, r, HL_RESET);
    rep_cat(vm, r, "\n");
    return;
  }
  rep_hl(vm, r, HL_BOLD);
  bool named = RSTRING_LEN(epath) > 0 && RSTRING_PTR(epath)[0] != '#';
  const char *tail = memchr(einfo, '\n', (size_t)elen);
  rep_msg(vm, r, einfo, tail ? tail - einfo : elen);
  if (tail) tail++;
  if (named) {
    rep_cat(vm, r, " (");
    rep_hl(vm, r, HL_UNDERLINE);
    kn_str_append(vm, r->out, epath);
    rep_hl(vm, r, HL_RESET);
    rep_hl(vm, r, HL_BOLD);
    rep_cat(vm, r, ")");
    rep_hl(vm, r, HL_RESET);
    rep_cat(vm, r, "\n");
  }
  const char *end = einfo + elen;
  if (tail && tail < end) {
    if (!r->highlight) {
      rep_msg(vm, r, tail, end - tail);
      if (end[-1] != '\n') rep_cat(vm, r, "\n");
      return;
    }
    /* each further line in bold; runs of newlines as they are */
    const char *p = tail;
    while (p < end) {
      const char *nl = memchr(p, '\n', (size_t)(end - p));
      if (!nl || nl > p) {
        rep_hl(vm, r, HL_BOLD);
        rep_msg(vm, r, p, (nl ? nl : end) - p);
        rep_hl(vm, r, HL_RESET);
        if (!nl) { rep_cat(vm, r, "\n"); break; }
      }
      const char *q = nl + 1;
      while (q < end && *q == '\n') q++;
      rep_msg(vm, r, nl, q - nl);
      p = q;
    }
  } else if (!named) {
    rep_cat(vm, r, "\n");
  }
}

/* "\tfrom LOC\n" for backtrace[1..] ("\tN: from LOC\n", last first, when reversed); a
 * SystemStackError's long backtrace shows its first 8 and last 4 lines. */
static void rep_backtrace(VM *vm, Report *r, VALUE eclass, VALUE errat, bool reverse) {
  if (NIL_P(errat)) return;
  long len = RARRAY_LEN(errat);
  bool skip = eclass == vm->eSystemStackError;
  enum { TRACE_HEAD = 8, TRACE_TAIL = 5, TRACE_MAX = TRACE_HEAD + TRACE_TAIL + 5 };
  int width = 1;
  for (long n = len - 1; n >= 10; n /= 10) width++;
  for (long i = 1; i < len; i++) {
    VALUE line = RARRAY_PTR(errat)[reverse ? len - i : i];
    if (kn_is_type(line, T_STRING)) {
      if (reverse) kn_str_append(vm, r->out, kn_str_printf(vm, "\t%*ld: from %V\n", width, len - i, line));
      else kn_str_append(vm, r->out, kn_str_printf(vm, "\tfrom %V\n", line));
    }
    if (skip && i == TRACE_HEAD && len > TRACE_MAX) {
      kn_str_append(vm, r->out, kn_str_printf(vm, "\t ... %ld levels...\n", len - TRACE_HEAD - TRACE_TAIL));
      i = len - TRACE_TAIL;
    }
  }
}

/* exc.backtrace (through the method, which may be redefined) when it is an Array */
static VALUE rep_get_backtrace(VM *vm, VALUE exc) {
  VALUE bt = kn_funcall(vm, exc, kn_intern(vm, "backtrace"), 0, NULL);
  return kn_is_type(bt, T_ARRAY) ? bt : Qnil;
}

/* exc.message as a String (to_str), or nil: a message of another type counts as empty */
static VALUE rep_get_message(VM *vm, VALUE exc) {
  VALUE m = kn_funcall(vm, exc, vm->id_message, 0, NULL);
  return kn_check_convert(vm, m, T_STRING, kn_intern(vm, "to_str"));
}

/* The chain of causes, each reported once (shown: Array of those already shown). */
static void rep_cause(VM *vm, Report *r, VALUE exc, bool reverse, VALUE shown) {
  VALUE cause = kn_ivar_get(vm, exc, id_cause(vm));
  if (NIL_P(cause) || !kn_obj_is_kind_of(vm, cause, vm->eException)) return;
  for (long i = 0; i < RARRAY_LEN(shown); i++)
    if (RARRAY_PTR(shown)[i] == cause) return;
  kn_ary_push(vm, shown, cause);
  VALUE eclass = kn_obj_class(vm, cause);
  VALUE errat = rep_get_backtrace(vm, cause);
  VALUE emesg = rep_get_message(vm, cause);
  if (reverse) {
    rep_cause(vm, r, cause, reverse, shown);
    rep_backtrace(vm, r, eclass, errat, true);
    rep_errinfo(vm, r, eclass, errat, emesg);
  } else {
    rep_errinfo(vm, r, eclass, errat, emesg);
    rep_backtrace(vm, r, eclass, errat, false);
    rep_cause(vm, r, cause, reverse, shown);
  }
}

/* CRuby's rb_error_write: the whole report of exc into r->out. Calls Ruby (message,
 * backtrace, inspect of causes' classes); the caller guards against it raising. */
static void error_write(VM *vm, Report *r, VALUE exc, VALUE emesg, VALUE errat, bool reverse) {
  VALUE eclass = kn_obj_class(vm, exc);
  VALUE shown = kn_ary_new(vm);
  if (reverse) {
    rep_hl(vm, r, HL_BOLD);
    rep_cat(vm, r, "Traceback");
    rep_hl(vm, r, HL_RESET);
    rep_cat(vm, r, " (most recent call last):\n");
    rep_cause(vm, r, exc, true, shown);
    rep_backtrace(vm, r, eclass, errat, true);
    rep_errinfo(vm, r, eclass, errat, emesg);
  } else {
    rep_errinfo(vm, r, eclass, errat, emesg);
    rep_backtrace(vm, r, eclass, errat, false);
    rep_cause(vm, r, exc, false, shown);
  }
}

/* The uncaught-exception report on stderr, highlighted when stderr is a terminal. A
 * message or backtrace method that raises counts as absent. */
void kn_print_error(VM *vm, VALUE exc, FILE *out) {
  (void)out;
  Report r = {kn_str_new(vm, "", 0), isatty(fileno(stderr)) != 0, true, true};
  VALUE errat = Qnil, emesg = Qnil;
  KN_TRY(vm) {
    errat = rep_get_backtrace(vm, exc);
  } KN_CATCH(vm) {
    errat = Qnil;
  } KN_END(vm);
  KN_TRY(vm) {
    emesg = rep_get_message(vm, exc);
  } KN_CATCH(vm) {
    emesg = Qnil;
  } KN_END(vm);
  KN_TRY(vm) {
    error_write(vm, &r, exc, emesg, errat, false);
  } KN_CATCH(vm) {
  } KN_END(vm);
  kn_flush_all(vm);
  fwrite(RSTRING_PTR(r.out), 1, RSTRING_LEN(r.out), stderr);
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
  kn_ivar_set(vm, self, kn_intern(vm, "__bt_set"), Qtrue);   /* no backtrace_locations */
  return bt;
}

/* Exception#full_message(highlight: tty?, order: :top): the uncaught-exception report
 * as a String (see error_write), without escaping. highlight must be true, false or nil,
 * order :top, :bottom (or their Strings) or nil; other keywords are an ArgumentError. */
static VALUE exc_full_message(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  VALUE opt = Qnil;
  if (argc > 0 && kn_is_type(argv[argc - 1], T_HASH) && (vm->cfp->flags & FRAME_KW)) opt = argv[--argc];
  if (argc > 0) kn_arity_error(vm, argc, 0, 0);
  VALUE hl = Qnil;
  bool reverse = false;
  if (!NIL_P(opt)) {
    VALUE keys = kn_hash_keys(vm, opt);
    for (long i = 0; i < RARRAY_LEN(keys); i++) {
      VALUE k = RARRAY_PTR(keys)[i];
      if (k != kn_sym(vm, "highlight") && k != kn_sym(vm, "order"))
        kn_raise(vm, vm->eArgumentError, "unknown keyword: %V", kn_inspect(vm, k));
    }
    VALUE v;
    if (kn_hash_lookup(vm, opt, kn_sym(vm, "highlight"), &v)) {
      if (v != Qtrue && v != Qfalse && !NIL_P(v))
        kn_raise(vm, vm->eArgumentError, "expected true or false as highlight: %V", kn_inspect(vm, v));
      hl = v;
    }
    if (kn_hash_lookup(vm, opt, kn_sym(vm, "order"), &v) && !NIL_P(v)) {
      VALUE name = kn_is_type(v, T_STRING) ? kn_str_intern(vm, v) : v;
      if (name == kn_sym(vm, "bottom")) reverse = true;
      else if (name != kn_sym(vm, "top"))
        kn_raise(vm, vm->eArgumentError, "expected :top or :bottom as order: %V", kn_inspect(vm, v));
    }
  }
  Report r = {kn_str_new(vm, "", 0), NIL_P(hl) ? isatty(fileno(stderr)) != 0 : hl == Qtrue, false, false};
  VALUE errat = rep_get_backtrace(vm, self);
  VALUE emesg = rep_get_message(vm, self);
  error_write(vm, &r, self, emesg, errat, reverse);
  return r.out;
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
/* NoMethodError.new(msg = nil, name = nil, args = [], priv = false, receiver: nil) */
static VALUE nomethod_initialize(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  int n = argc;
  VALUE r;
  if (n > 2 && kn_is_type(argv[n - 1], T_HASH) && kn_hash_lookup(vm, argv[n - 1], kn_sym(vm, "receiver"), &r)) n--;
  name_err_initialize(vm, self, argc, argv, blk);
  kn_ivar_set(vm, self, kn_intern(vm, "__args"), n > 2 ? argv[2] : Qnil);
  kn_ivar_set(vm, self, kn_intern(vm, "__private_call"), KN_BOOL(n > 3 && RTEST(argv[3])));
  return Qnil;
}
static VALUE nomethod_args(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  return get_hidden(vm, self, "__args");
}
static VALUE nomethod_private_call_p(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  return KN_BOOL(RTEST(get_hidden(vm, self, "__private_call")));
}

/* ---- Thread::Backtrace::Location ----------------------------------------------------------
 * Backtraces are recorded as Strings ("path:lineno:in `label'"); a Location wraps one such
 * line (hidden ivar __line) and parses it on demand. */
static ID id_line(VM *vm) { return kn_intern(vm, "__line"); }

/* Splits a backtrace line: path is [0, *path_len), the line number follows it, the label
 * (NULL if the line has none) is the text between ":in `" and the closing quote. */
static long loc_split(VM *vm, VALUE self, long *path_len, const char **label, long *label_len) {
  VALUE s = kn_ivar_get(vm, self, id_line(vm));
  const char *p = kn_is_type(s, T_STRING) ? RSTRING_PTR(s) : "";
  long n = kn_is_type(s, T_STRING) ? RSTRING_LEN(s) : 0, pre = n;
  *label = NULL;
  *label_len = 0;
  for (long i = n - 5; i >= 0; i--)
    if (memcmp(p + i, ":in `", 5) == 0) {
      pre = i;
      *label = p + i + 5;
      *label_len = n - (i + 5) - (n > i + 5 && p[n - 1] == '\'' ? 1 : 0);
      break;
    }
  long colon = pre;
  while (colon > 0 && p[colon - 1] != ':') colon--;
  if (colon == 0) { *path_len = pre; return 0; }
  *path_len = colon - 1;
  return strtol(p + colon, NULL, 10);
}
static VALUE loc_path(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  long plen, llen;
  const char *label;
  loc_split(vm, self, &plen, &label, &llen);
  return kn_str_new(vm, RSTRING_PTR(kn_ivar_get(vm, self, id_line(vm))), plen);
}
static VALUE loc_absolute_path(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  VALUE path = loc_path(vm, self, argc, argv, blk);
  char full[PATH_MAX];
  return realpath(kn_str_cstr(vm, path), full) ? kn_str_new_cstr(vm, full) : path;
}
static VALUE loc_lineno(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  long plen, llen;
  const char *label;
  return INT2FIX(loc_split(vm, self, &plen, &label, &llen));
}
static VALUE loc_label(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  long plen, llen;
  const char *label;
  loc_split(vm, self, &plen, &label, &llen);
  return label ? kn_str_new(vm, label, llen) : Qnil;
}
/* the label without "block in " / "block (N levels) in " / "rescue in " / "ensure in " */
static VALUE loc_base_label(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  long plen, llen;
  const char *label;
  loc_split(vm, self, &plen, &label, &llen);
  if (!label) return Qnil;
  for (bool again = true; again;) {
    again = false;
    static const char *const pre[] = {"block in ", "rescue in ", "ensure in "};
    for (int i = 0; i < 3; i++) {
      long k = (long)strlen(pre[i]);
      if (llen >= k && memcmp(label, pre[i], (size_t)k) == 0) { label += k; llen -= k; again = true; }
    }
    const char *in = llen > 7 && memcmp(label, "block (", 7) == 0 ? memchr(label, ')', (size_t)llen) : NULL;
    if (in && in + 5 <= label + llen && memcmp(in, ") in ", 5) == 0) {
      llen -= (in + 5) - label;
      label = in + 5;
      again = true;
    }
  }
  return kn_str_new(vm, label, llen);
}
static VALUE loc_to_s(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  return kn_ivar_get(vm, self, id_line(vm));
}
static VALUE loc_inspect(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  return kn_str_inspect(vm, kn_ivar_get(vm, self, id_line(vm)));
}

VALUE kn_backtrace_locations(VM *vm, VALUE bt) {
  VALUE t, b, loc;
  if (!kn_const_lookup(vm, vm->cObject, kn_intern(vm, "Thread"), &t, false) ||
      !kn_const_lookup(vm, t, kn_intern(vm, "Backtrace"), &b, false) ||
      !kn_const_lookup(vm, b, kn_intern(vm, "Location"), &loc, false))
    return Qnil;
  VALUE a = kn_ary_new(vm);
  for (long i = 0; i < RARRAY_LEN(bt); i++) {
    VALUE l = kn_obj_alloc(vm, T_OBJECT, loc);
    ROBJECT(l)->ivptr = ROBJECT(l)->embed;
    ROBJECT(l)->capa = KN_OBJ_EMBED;
    kn_ivar_set(vm, l, id_line(vm), RARRAY_PTR(bt)[i]);
    kn_ary_push(vm, a, l);
  }
  return a;
}

/* Exception#backtrace_locations: nil when the exception was never raised or its backtrace
 * was set by set_backtrace */
static VALUE exc_backtrace_locations(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  VALUE bt = kn_ivar_get(vm, self, id_bt(vm));
  if (!kn_is_type(bt, T_ARRAY) || RTEST(kn_ivar_get(vm, self, kn_intern(vm, "__bt_set")))) return Qnil;
  return kn_backtrace_locations(vm, bt);
}

static void init_location(VM *vm) {
  VALUE T = kn_define_class(vm, "Thread", vm->cObject);
  VALUE B = kn_define_class_under(vm, T, "Backtrace", vm->cObject);
  VALUE L = kn_define_class_under(vm, B, "Location", vm->cObject);
  kn_define_method(vm, L, "path", loc_path, 0, 0);
  kn_define_method(vm, L, "absolute_path", loc_absolute_path, 0, 0);
  kn_define_method(vm, L, "lineno", loc_lineno, 0, 0);
  kn_define_method(vm, L, "label", loc_label, 0, 0);
  kn_define_method(vm, L, "base_label", loc_base_label, 0, 0);
  kn_define_method(vm, L, "to_s", loc_to_s, 0, 0);
  kn_define_method(vm, L, "inspect", loc_inspect, 0, 0);
}

static VALUE defclass(VM *vm, const char *name, VALUE super) { return kn_define_class(vm, name, super); }

/* Creates the exception hierarchy (called during bootstrap, before other core inits). */
void kn_init_exception(VM *vm) {
  VALUE E = vm->eException = defclass(vm, "Exception", vm->cObject);
  kn_define_singleton_method(vm, E, "exception", exc_s_exception, 0, -1);
  kn_define_method(vm, E, "initialize", exc_initialize, 0, 1);
  kn_define_method(vm, E, "to_s", exc_to_s, 0, 0);
  kn_define_method(vm, E, "message", exc_message, 0, 0);
  kn_define_method(vm, E, "inspect", exc_inspect, 0, 0);
  kn_define_method(vm, E, "backtrace", exc_backtrace, 0, 0);
  kn_define_method(vm, E, "set_backtrace", exc_set_backtrace, 1, 1);
  kn_define_method(vm, E, "backtrace_locations", exc_backtrace_locations, 0, 0);
  init_location(vm);
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
  kn_define_method(vm, vm->eNoMethodError, "initialize", nomethod_initialize, 0, 5);
  kn_define_method(vm, vm->eNoMethodError, "args", nomethod_args, 0, 0);
  kn_define_method(vm, vm->eNoMethodError, "private_call?", nomethod_private_call_p, 0, 0);
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
