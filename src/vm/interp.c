/* interp.c -- the bytecode interpreter and the call machinery (DESIGN.md sections 4, 5).
 *
 * One function, kn_vm_exec, runs frames from vm->cfp until a FRAME_FINISH frame returns.
 * Ruby-to-Ruby calls push a frame and stay in the same loop; C methods that call back
 * into Ruby (kn_funcall, kn_yield) start a nested kn_vm_exec. Dispatch is computed goto,
 * or a switch when KN_DISPATCH_SWITCH is set (both builds are tested).
 *
 *   VM stack:   ... [recv][arg0..argN-1][locals...][operand stack ...]
 *                      ^ep[-1] (tagged parent ep)   ^bp              ^sp
 *   frames:     vm->frames[0] ... vm->cfp   (the JIT tiers use the same frames)
 *
 * Every instruction saves pc (pointing past itself) and sp to the frame before running,
 * so a raise, a GC or a side exit sees an exact frame. Exceptions and non-local jumps
 * longjmp to the kn_vm_exec that owns the frames; it unwinds them through the catch
 * tables (rescue, ensure, break) and resumes, or passes the throw outward. */
#include <stdlib.h>
#include <string.h>
#include "vm_internal.h"

/* ---- frames ------------------------------------------------------------------------- */
static inline Frame *push_frame(VM *vm, VALUE *sp_base, uint32_t flags) {
  Frame *f = vm->cfp + 1;
  if (f >= vm->frames_end - 4) kn_raise_sysstack(vm);
  /* every field but blk (written whole by the send that uses it) */
  f->pc = NULL;
  f->sp = sp_base;
  f->bp = sp_base;
  f->ep = NULL;
  f->iseq = NULL;
  f->self = Qnil;
  f->blockh = Qnil;
  f->me = NULL;
  f->env = 0;
  f->cref = 0;
  f->deftarget = 0;
  f->flags = flags;
  f->defvis = VIS_PUBLIC;
  f->blk.iseq = NULL;
  f->blk.proxy = 0;
  f->self_block = NULL;
  f->base = NULL;
  f->argc = 0;
  f->mid = 0;
  vm->cfp = f;
  return f;
}

static inline void check_stack(VM *vm, VALUE *sp, int need) {
  if (sp + need + 64 >= vm->stack_end) kn_raise_sysstack(vm);
}

/* ---- JIT hooks ---------------------------------------------------------------------------- */
/* Counts a call of iseq and compiles it when the count reaches the tier-1 threshold. */
static inline void count_call(VM *vm, Iseq *iseq) {
  iseq->call_count++;
  if (vm->jit_compile && !iseq->jit_code && !(iseq->jit_flags & 1) &&
      iseq->call_count >= (uint32_t)vm->opts.tier1_threshold)
    vm->jit_compile(vm, iseq);
}

static void check_cstack(VM *vm) {
  char here;
  if (&here < vm->cstack_limit) kn_raise_sysstack(vm);
}

/* Sets up locals for iseq at ep (args already at ep[0..argc)), heap env if needed.
 * Returns the ep to use. */
static inline VALUE *setup_locals(VM *vm, Frame *f, const Iseq *iseq, VALUE *ep, VALUE *parent_ep,
                           VALUE parent_env) {
  for (int i = f->argc; i < iseq->local_size; i++) ep[i] = Qnil;
  ep[-1] = kn_ep_tag(parent_ep);
  if (iseq->heap_env) {
    VALUE env = kn_obj_alloc(vm, T_ENV, 0);
    REnv *e = RENV(env);
    e->size = iseq->local_size;
    e->buf = kn_xmalloc(sizeof(VALUE) * (iseq->local_size + 1));
    memcpy(e->buf, ep - 1, sizeof(VALUE) * (iseq->local_size + 1));
    e->ep = e->buf + 1;
    e->parent = parent_env;
    f->env = env;
    ep = e->ep;
  }
  f->ep = ep;
  return ep;
}

/* ---- argument setup ------------------------------------------------------------------ */
static _Noreturn void arity_error_iseq(VM *vm, const Iseq *iseq, int given) {
  const IseqParams *p = &iseq->param;
  int req = p->lead_num + p->post_num;
  int max = p->rest_start >= 0 ? -1 : req + p->opt_num;
  if (p->kw_required > 0) {
    /* CRuby appends the required keywords: "(given 1, expected 0; required keyword: a)" */
    char buf[512];
    int n;
    if (req == max) n = snprintf(buf, sizeof buf, "wrong number of arguments (given %d, expected %d", given, req);
    else if (max < 0) n = snprintf(buf, sizeof buf, "wrong number of arguments (given %d, expected %d+", given, req);
    else n = snprintf(buf, sizeof buf, "wrong number of arguments (given %d, expected %d..%d", given, req, max);
    n += snprintf(buf + n, sizeof buf - (size_t)n, "; required keyword%s:", p->kw_required > 1 ? "s" : "");
    for (int i = 0; i < p->kw_required && n < (int)sizeof buf - 2; i++)
      n += snprintf(buf + n, sizeof buf - (size_t)n, "%s %s", i ? "," : "", kn_id_name(vm, p->kw_names[i]));
    if (n < (int)sizeof buf - 2) snprintf(buf + n, sizeof buf - (size_t)n, ")");
    kn_raise(vm, vm->eArgumentError, "%s", buf);
  }
  kn_arity_error(vm, given, req, max);
}

static VALUE kw_symbols_list(VM *vm, VALUE ary) {
  VALUE s = kn_str_new(vm, "", 0);
  for (long i = 0; i < RARRAY_LEN(ary); i++) {
    if (i) kn_str_cat_cstr(vm, s, ", ");
    kn_str_append(vm, s, kn_inspect(vm, RARRAY_PTR(ary)[i]));
  }
  return s;
}

/* Fills the keyword locals from kwh (a Hash or Qnil). */
static void setup_kwargs(VM *vm, const Iseq *iseq, VALUE *ep, VALUE kwh) {
  const IseqParams *p = &iseq->param;
  VALUE missing = Qnil;
  long used = 0;
  for (int k = 0; k < p->kw_num; k++) {
    VALUE v;
    if (!NIL_P(kwh) && kn_hash_lookup(vm, kwh, ID2SYM(p->kw_names[k]), &v)) {
      ep[p->kw_start + k] = v;
      used++;
    } else if (k < p->kw_required) {
      if (NIL_P(missing)) missing = kn_ary_new(vm);
      kn_ary_push(vm, missing, ID2SYM(p->kw_names[k]));
    } else {
      ep[p->kw_start + k] = Qundef;
    }
  }
  if (!NIL_P(missing))
    kn_raise(vm, vm->eArgumentError, "missing keyword%s: %s", RARRAY_LEN(missing) > 1 ? "s" : "",
             kn_str_cstr(vm, kw_symbols_list(vm, missing)));
  long total = NIL_P(kwh) ? 0 : kn_hash_size(kwh);
  if (p->kwrest_start >= 0) {
    VALUE rest = kn_hash_new(vm);
    if (total > used) {
      VALUE keys = kn_hash_keys(vm, kwh);
      for (long i = 0; i < RARRAY_LEN(keys); i++) {
        VALUE key = RARRAY_PTR(keys)[i];
        bool known = false;
        for (int k = 0; k < p->kw_num; k++) if (key == ID2SYM(p->kw_names[k])) known = true;
        if (!known) kn_hash_aset(vm, rest, key, kn_hash_aref(vm, kwh, key));
      }
    }
    ep[p->kwrest_start] = rest;
  } else if (total > used) {
    VALUE unknown = kn_ary_new(vm);
    VALUE keys = kn_hash_keys(vm, kwh);
    for (long i = 0; i < RARRAY_LEN(keys); i++) {
      VALUE key = RARRAY_PTR(keys)[i];
      bool known = false;
      for (int k = 0; k < p->kw_num; k++) if (key == ID2SYM(p->kw_names[k])) known = true;
      if (!known) kn_ary_push(vm, unknown, key);
    }
    kn_raise(vm, vm->eArgumentError, "unknown keyword%s: %s", RARRAY_LEN(unknown) > 1 ? "s" : "",
             kn_str_cstr(vm, kw_symbols_list(vm, unknown)));
  }
}

/* Arranges the arguments at ep[0..argc) (kw hash separate) into the iseq's parameter
 * locals. `proc` selects block semantics (missing args nil, extra dropped, auto-splat).
 * Returns the pc offset where execution starts (optional-argument entry). The caller
 * guarantees stack room for iseq->local_size + stack_max values above ep. */
static int setup_args(VM *vm, const Iseq *iseq, VALUE *ep, int argc, VALUE kwh, bool proc) {
  const IseqParams *p = &iseq->param;
  if (!NIL_P(kwh) && !p->has_kw) {
    if (kn_hash_size(kwh) > 0 || p->no_kw) {
      if (p->no_kw) kn_raise(vm, vm->eArgumentError, "no keywords accepted");
      ep[argc++] = kwh;
    }
    kwh = Qnil;
  }
  /* auto-splat of a single array argument, with CRuby's rule: required parameters, two or
   * more optional ones, or keywords, unless the block is |a| */
  if (proc && argc == 1 && !p->ambiguous_param0 &&
      (p->lead_num + p->post_num > 0 || p->opt_num > 1 || p->has_kw)) {
    VALUE a = kn_check_array(vm, ep[0]);
    if (!NIL_P(a)) {
      long n = RARRAY_LEN(a);
      check_stack(vm, ep, (int)n + iseq->local_size);
      for (long i = 0; i < n; i++) ep[i] = RARRAY_PTR(a)[i];
      argc = (int)n;
    }
  }
  int req = p->lead_num + p->post_num;
  int opt = 0;
  if (proc) {
    int max = p->rest_start >= 0 ? argc : req + p->opt_num;
    if (argc > max) argc = max;
    if (argc < req) {
      for (int i = argc; i < req; i++) ep[i] = Qnil;
      argc = req;
    }
  } else {
    if (argc < req || (p->rest_start < 0 && argc > req + p->opt_num)) {
      if (argc < req && !NIL_P(kwh) && p->has_kw && p->kw_required == 0) {
        /* fallthrough to error */
      }
      arity_error_iseq(vm, iseq, argc);
    }
  }
  opt = argc - req;
  if (opt > p->opt_num) opt = p->opt_num;
  if (opt < 0) opt = 0;
  /* positions: lead [0, lead), opt [lead, lead+opt_num), rest, post */
  int after = argc - p->lead_num - opt;  /* args for rest + post */
  if (p->rest_start >= 0 || p->post_num > 0) {
    int nrest = after - p->post_num;
    if (nrest < 0) nrest = 0;
    VALUE *src_post = ep + p->lead_num + opt + nrest;
    VALUE post_vals[64];
    int npost = p->post_num < 64 ? p->post_num : 64;
    for (int i = 0; i < npost; i++) post_vals[i] = src_post[i];
    VALUE rest = Qnil;
    if (p->rest_start >= 0) rest = kn_ary_new_from(vm, nrest, ep + p->lead_num + opt);
    for (int i = opt; i < p->opt_num; i++) ep[p->lead_num + i] = Qnil;
    if (p->rest_start >= 0) ep[p->rest_start] = rest;
    for (int i = 0; i < npost; i++) ep[p->post_start + i] = post_vals[i];
  } else {
    for (int i = opt; i < p->opt_num; i++) ep[p->lead_num + i] = Qnil;
  }
  for (int i = p->size; i < iseq->local_size; i++) ep[i] = Qnil;
  if (p->has_kw) {
    for (int k = 0; k < p->kw_num; k++) ep[p->kw_start + k] = Qnil;
    if (p->kwrest_start >= 0) ep[p->kwrest_start] = Qnil;
    setup_kwargs(vm, iseq, ep, kwh);
  }
  return p->opt_num ? p->opt_table[opt] : 0;
}

/* ---- block handlers ------------------------------------------------------------------- */
static const Block *bh_block(VM *vm, VALUE bh, bool *is_lambda) {
  (void)vm;
  if (KN_BH_IS_BLOCK(bh)) { *is_lambda = false; return KN_BH_BLOCK(bh); }
  *is_lambda = (RBASIC(bh)->flags & FL_LAMBDA) != 0;
  return RPROC(bh)->block;
}

/* Converts a &arg value to a block handler. */
static VALUE to_block_handler(VM *vm, VALUE v) {
  if (NIL_P(v)) return Qnil;
  if (kn_is_type(v, T_PROC)) return v;
  if (SYMBOL_P(v) && !(vm->redefined_basic & KN_BOP_TO_PROC)) return kn_sym_to_proc(vm, v);
  if (!kn_respond_to(vm, v, vm->id_to_proc, true))
    kn_raise(vm, vm->eTypeError, "wrong argument type %s (expected Proc)", kn_obj_classname(vm, v));
  VALUE p = kn_funcall(vm, v, vm->id_to_proc, 0, NULL);
  if (!kn_is_type(p, T_PROC))
    kn_raise(vm, vm->eTypeError, "wrong argument type %s (expected Proc)", kn_obj_classname(vm, v));
  return p;
}

/* ---- method lookup with inline cache -------------------------------------------------- */
static inline const MethodEntry *ci_lookup(VM *vm, CallInfo *ci, VALUE klass) {
  if (ci->cache_klass == klass && ci->cache_serial == vm->method_serial) return ci->cache_me;
  const MethodEntry *me = kn_method_lookup(vm, klass, ci->mid);
  if (ci->cache_klass && ci->cache_klass != klass) ci->polymorphic++;
  if (ci->nseen < KN_CI_SEEN) {   /* the profile of receiver classes */
    int i = 0;
    while (i < ci->nseen && ci->seen[i] != klass) i++;
    if (i == ci->nseen) ci->seen[ci->nseen++] = klass;
  }
  ci->cache_klass = klass;
  ci->cache_serial = vm->method_serial;
  ci->cache_me = me;
  return me;
}

/* ---- calling -------------------------------------------------------------------------- */
typedef struct CallArgs {
  VALUE recv;
  VALUE *argv;      /* on the VM stack, contiguous, recv at argv[-1] */
  int argc;         /* positional, after splat expansion */
  VALUE kwh;        /* keyword Hash or Qnil */
  VALUE bh;         /* block handler */
  ID mid;
  uint32_t flag;
} CallArgs;

/* Expands a splat array and separates a keywords hash. sp is the stack top just above the
 * arguments; returns the new top. */
static VALUE *normalize_args(VM *vm, VALUE *args, int argc, uint32_t flag, VALUE *kwh_out, int *argc_out) {
  VALUE kwh = Qnil;
  if (flag & CI_KW_SPLAT) {
    kwh = args[argc - 1];
    argc--;
    if (!kn_is_type(kwh, T_HASH)) {
      VALUE h = kn_check_convert(vm, kwh, T_HASH, vm->id_to_hash);
      if (NIL_P(h)) kn_raise(vm, vm->eTypeError, "no implicit conversion of %s into Hash", kn_obj_classname(vm, kwh));
      kwh = h;
    }
  }
  if (flag & CI_ARGS_SPLAT) {
    VALUE a = args[argc - 1];
    long n = RARRAY_LEN(a);
    check_stack(vm, args, (int)n + 8);
    for (long i = 0; i < n; i++) args[argc - 1 + i] = RARRAY_PTR(a)[i];
    argc = argc - 1 + (int)n;
  }
  if (!NIL_P(kwh) && kn_hash_size(kwh) == 0) kwh = Qnil;   /* **{} passes nothing */
  *kwh_out = kwh;
  *argc_out = argc;
  return args + argc;
}

static VALUE call_cfunc(VM *vm, const MethodEntry *me, CallArgs *ca) {
  int argc = ca->argc;
  VALUE *argv = ca->argv;
  if (!NIL_P(ca->kwh)) { argv[argc++] = ca->kwh; }
  if (argc < me->min_argc || (me->max_argc >= 0 && argc > me->max_argc))
    kn_arity_error(vm, argc, me->min_argc, me->max_argc);
  check_cstack(vm);
  Frame *f = push_frame(vm, argv + argc, FRAME_CFUNC | (NIL_P(ca->kwh) ? 0 : FRAME_KW));
  f->self = ca->recv;
  f->me = me;
  f->mid = ca->mid;
  f->blockh = ca->bh;
  f->base = argv - 1;
  f->argc = argc;
  f->cref = me->cref;
  VALUE r = me->cfunc(vm, ca->recv, argc, argv, ca->bh);
  vm->cfp = f - 1;
  return r;
}

static VALUE call_bmethod(VM *vm, const MethodEntry *me, CallArgs *ca) {
  int argc = ca->argc;
  if (!NIL_P(ca->kwh)) ca->argv[argc++] = ca->kwh;
  VALUE proc = me->proc;
  check_cstack(vm);
  Frame *f = push_frame(vm, ca->argv + argc, FRAME_CFUNC);
  f->self = ca->recv;
  f->me = me;
  f->mid = ca->mid;
  f->blockh = ca->bh;
  f->base = ca->argv - 1;
  vm->yield_kw = !NIL_P(ca->kwh);
  VALUE r = kn_vm_invoke_block(vm, proc, argc, ca->argv, ca->bh, ca->recv, 0, true);
  vm->cfp = f - 1;
  return r;
}

static _Noreturn void method_missing_error(VM *vm, CallArgs *ca, const MethodEntry *me) {
  (void)me;
  if ((ca->flag & CI_VCALL) && !me)   /* a bare identifier: NameError, as in CRuby */
    kn_name_error(vm, ca->mid, ca->recv, "undefined local variable or method `%s' for %s",
                  kn_id_name(vm, ca->mid), kn_str_cstr(vm, kn_obj_describe(vm, ca->recv)));
  kn_no_method_error(vm, ca->recv, ca->mid, ca->argc, ca->argv, (ca->flag & CI_FCALL) != 0);
}

/* Calls method_missing(mid, *args) */
static VALUE call_method_missing(VM *vm, CallArgs *ca, int reason) {
  VALUE klass = kn_class_of(vm, ca->recv);
  const MethodEntry *mm = kn_method_lookup(vm, klass, vm->id_method_missing);
  if (!mm || mm->type == ME_CFUNC) {
    /* default method_missing: raise */
    VALUE *argv = ca->argv;
    (void)argv;
    if (reason == 1) {
      kn_raise_exc(vm, kn_funcall(vm, vm->eNoMethodError, vm->id_new, 2, (VALUE[]){
        kn_str_printf(vm, "private method `%s' called for %V", kn_id_name(vm, ca->mid), kn_obj_describe(vm, ca->recv)),
        ID2SYM(ca->mid)}));
    }
    if (reason == 2) {
      kn_raise_exc(vm, kn_funcall(vm, vm->eNoMethodError, vm->id_new, 2, (VALUE[]){
        kn_str_printf(vm, "protected method `%s' called for %V", kn_id_name(vm, ca->mid), kn_obj_describe(vm, ca->recv)),
        ID2SYM(ca->mid)}));
    }
    method_missing_error(vm, ca, NULL);
  }
  int argc = ca->argc;
  VALUE *args = kn_xmalloc(sizeof(VALUE) * (argc + 2));
  args[0] = ID2SYM(ca->mid);
  for (int i = 0; i < argc; i++) args[i + 1] = ca->argv[i];
  int n = argc + 1;
  if (!NIL_P(ca->kwh)) args[n++] = ca->kwh;
  VALUE r;
  VALUE tmp = kn_ary_new_from(vm, n, args);  /* keep args reachable */
  free(args);
  r = kn_funcall_kw(vm, ca->recv, vm->id_method_missing, n, RARRAY_PTR(tmp), ca->bh, !NIL_P(ca->kwh));
  return r;
}

/* Pushes an iseq method frame for a call whose args are at ca->argv. Does not run it. */
static Frame *push_method_frame(VM *vm, const MethodEntry *me, CallArgs *ca, uint32_t flags) {
  const Iseq *iseq = me->iseq;
  check_stack(vm, ca->argv, iseq->local_size + iseq->stack_max + 8);
  Frame *f = push_frame(vm, ca->argv, flags);
  f->self = ca->recv;
  f->me = me;
  f->mid = ca->mid;
  f->iseq = iseq;
  f->blockh = ca->bh;
  f->cref = me->cref;
  f->base = ca->argv - 1;
  f->argc = ca->argc;
  VALUE *ep = ca->argv;
  int start;
  if (ca->argc == iseq->param.lead_num && NIL_P(ca->kwh) && iseq->param.size == iseq->param.lead_num) {
    start = 0;  /* simple: only required args */
  } else {
    start = setup_args(vm, iseq, ep, ca->argc, ca->kwh, false);
  }
  f->argc = iseq->param.size;
  ep = setup_locals(vm, f, iseq, ep, NULL, 0);
  if (iseq->param.block_start >= 0) ep[iseq->param.block_start] = kn_block_proc(vm, ca->bh);
  f->bp = ca->argv + iseq->local_size;
  f->sp = f->bp;
  f->pc = iseq->code + start;
  count_call(vm, (Iseq *)iseq);
  return f;
}

/* Generic call: returns the result, or Qundef when an iseq frame was pushed (the
 * interpreter continues in it). `push_only` callers (the interpreter) set finish=false. */
static VALUE vm_call(VM *vm, CallArgs *ca, const MethodEntry *me, bool from_c) {
again:
  if (!me) return call_method_missing(vm, ca, 0);
  if (me->vis != VIS_PUBLIC && !(ca->flag & CI_FCALL)) {
    if (me->vis == VIS_PRIVATE || me->vis == VIS_MODFUNC) {
      if (!(ca->flag & CI_SELF_RECV))   /* self.m may call a private m (Ruby 2.7+) */
        return call_method_missing(vm, ca, 1);
    } else if (me->vis == VIS_PROTECTED) {
      VALUE self = vm->cfp->self;
      VALUE owner = me->owner;
      if (kn_is_type(owner, T_ICLASS)) owner = RCLASS(owner)->ext->module;
      if (!kn_obj_is_kind_of(vm, self, owner)) return call_method_missing(vm, ca, 2);
    }
  }
  switch (me->type) {
  case ME_ISEQ: {
    push_method_frame(vm, me, ca, from_c ? FRAME_FINISH : 0);
    if (!from_c) return Qundef;
    /* a loop of its own even when the frame's code is compiled: an exception caught in a
     * frame above this FINISH frame must resume in the loop that owns it */
    return kn_vm_exec(vm);
  }
  case ME_CFUNC: return call_cfunc(vm, me, ca);
  case ME_ATTR_READER:
    if (ca->argc != 0 || !NIL_P(ca->kwh)) kn_arity_error(vm, ca->argc + !NIL_P(ca->kwh), 0, 0);
    return kn_ivar_get(vm, ca->recv, me->ivar);
  case ME_ATTR_WRITER:
    if (ca->argc != 1) kn_arity_error(vm, ca->argc, 1, 1);
    kn_check_frozen(vm, ca->recv);
    return kn_ivar_set(vm, ca->recv, me->ivar, ca->argv[0]);
  case ME_BMETHOD: return call_bmethod(vm, me, ca);
  case ME_ZSUPER: {
    me = kn_vm_resolve_zsuper(vm, me, kn_class_of(vm, ca->recv), ca->mid);
    ca->flag |= CI_FCALL;
    goto again;
  }
  default:
    return call_method_missing(vm, ca, 0);
  }
}

/* ---- calls from C ---------------------------------------------------------------------- */
static VALUE funcall_common(VM *vm, VALUE recv, ID mid, int argc, const VALUE *argv, VALUE blk,
                            uint32_t flag, bool kw_splat, const MethodEntry *me) {
  Frame *cfp = vm->cfp;
  VALUE *sp = cfp->sp;
  check_stack(vm, sp, argc + 8);
  sp[0] = recv;
  for (int i = 0; i < argc; i++) sp[1 + i] = argv[i];
  VALUE *saved_sp = cfp->sp;
  cfp->sp = sp + 1 + argc;
  CallArgs ca;
  ca.recv = recv;
  ca.argv = sp + 1;
  ca.argc = argc;
  ca.kwh = Qnil;
  if (kw_splat && argc > 0 && kn_is_type(argv[argc - 1], T_HASH)) { ca.kwh = argv[argc - 1]; ca.argc--; }
  ca.bh = blk;
  ca.mid = mid;
  ca.flag = flag;
  if (!me) me = kn_method_lookup(vm, kn_class_of(vm, recv), mid);
  VALUE r = vm_call(vm, &ca, me, true);
  vm->cfp = cfp;
  cfp->sp = saved_sp;
  return r;
}

VALUE kn_funcall(VM *vm, VALUE recv, ID mid, int argc, const VALUE *argv) {
  return funcall_common(vm, recv, mid, argc, argv, Qnil, CI_FCALL, false, NULL);
}
VALUE kn_funcall_block(VM *vm, VALUE recv, ID mid, int argc, const VALUE *argv, VALUE blk) {
  return funcall_common(vm, recv, mid, argc, argv, blk, CI_FCALL, false, NULL);
}
VALUE kn_funcall_public(VM *vm, VALUE recv, ID mid, int argc, const VALUE *argv, VALUE blk) {
  return funcall_common(vm, recv, mid, argc, argv, blk, 0, false, NULL);
}
VALUE kn_funcall_kw(VM *vm, VALUE recv, ID mid, int argc, const VALUE *argv, VALUE blk, bool kw_splat) {
  return funcall_common(vm, recv, mid, argc, argv, blk, CI_FCALL, kw_splat, NULL);
}
VALUE kn_call_method_entry(VM *vm, VALUE recv, const MethodEntry *me, ID mid, int argc,
                           const VALUE *argv, VALUE blk) {
  return funcall_common(vm, recv, mid, argc, argv, blk, CI_FCALL, false, me);
}

/* super from a C method: look up above the owner of the running cfunc */
VALUE kn_call_super(VM *vm, int argc, const VALUE *argv, VALUE blk) {
  Frame *f = vm->cfp;
  const MethodEntry *me = f->me;
  if (!me) kn_raise(vm, vm->eRuntimeError, "super called outside of method");
  VALUE klass = kn_class_of(vm, f->self);
  /* find the owner in the ancestry, then continue after it */
  VALUE c = klass;
  while (c && RCLASS(c)->m_tbl != RCLASS(me->owner)->m_tbl) c = RCLASS(c)->super;
  if (!c) kn_raise(vm, vm->eRuntimeError, "super: no owner");
  VALUE found;
  const MethodEntry *sme = kn_method_lookup_from(vm, RCLASS(c)->super, f->mid ? f->mid : me->name, &found);
  if (!sme) kn_no_method_error(vm, f->self, f->mid ? f->mid : me->name, argc, argv, true);
  return funcall_common(vm, f->self, f->mid ? f->mid : me->name, argc, argv, blk, CI_FCALL, false, sme);
}

/* ---- blocks ---------------------------------------------------------------------------- */
static VALUE invoke_cproc(VM *vm, const Block *b, int argc, const VALUE *argv, VALUE blockarg) {
  /* C proc: proxy holds a pair [fn address as a Fixnum, data]; a function address may be
   * odd (no alignment is guaranteed), so it is shifted into a Fixnum, never tagged */
  VALUE pair = b->proxy;
  CFunc fn = (CFunc)(uintptr_t)FIX2LONG(RARRAY_PTR(pair)[0]);
  VALUE saved = vm->running_cproc;
  vm->running_cproc = RARRAY_PTR(pair)[1];
  VALUE r = fn(vm, b->self, argc, (VALUE *)argv, blockarg);
  vm->running_cproc = saved;
  return r;
}

VALUE kn_cfunc_proc_data(VM *vm) { return vm->running_cproc; }

/* Pushes a frame running block b (which has an iseq) with argv[0..argc) as arguments, on
 * top of vm->cfp's stack; its result will go to *base. Does not run it. flags: FRAME_FINISH
 * when a nested kn_vm_exec runs it (a call from C), 0 when the current loop or compiled code
 * continues in it (yield from Ruby code). yield_kw: the last argument is a keywords Hash. */
static Frame *push_block_frame(VM *vm, const Block *b, bool is_lambda, int argc, const VALUE *argv,
                               VALUE blockarg, VALUE self_override, VALUE deftarget, bool yield_kw,
                               uint32_t flags, VALUE *base) {
  const Iseq *iseq = b->iseq;
  Frame *cfp = vm->cfp;
  VALUE *sp = cfp->sp;
  check_stack(vm, sp, argc + iseq->local_size + iseq->stack_max + 8);
  VALUE *ep = sp + 1;
  const IseqParams *pp = &iseq->param;
  if (!yield_kw && !(cfp->flags & FRAME_KW) && argc == pp->lead_num && pp->size == argc &&
      (argc != 1 || pp->ambiguous_param0) && !iseq->heap_env && pp->block_start < 0) {
    /* the common case (exactly the required parameters, locals on the stack): every
     * field written once */
    Frame *f = cfp + 1;
    if (f >= vm->frames_end - 4) kn_raise_sysstack(vm);
    for (int i = 0; i < argc; i++) ep[i] = argv[i];
    for (int i = argc; i < iseq->local_size; i++) ep[i] = Qnil;
    ep[-1] = kn_ep_tag(b->ep);
    f->pc = iseq->code;
    f->bp = f->sp = ep + iseq->local_size;
    f->ep = ep;
    f->iseq = iseq;
    f->self = self_override != Qundef ? self_override : b->self;
    f->blockh = NIL_P(blockarg) ? Qnil : blockarg;
    f->me = b->me;
    f->env = 0;
    f->cref = b->cref;
    f->deftarget = deftarget;
    f->flags = flags | FRAME_BLOCK | (is_lambda ? FRAME_LAMBDA : 0);
    f->defvis = VIS_PUBLIC;
    f->blk.iseq = NULL;
    f->blk.proxy = 0;
    f->self_block = b;
    f->base = base;
    f->argc = argc;
    f->mid = b->me ? b->me->name : cfp->mid;
    vm->cfp = f;
    count_call(vm, (Iseq *)iseq);
    return f;
  }
  VALUE kwh = Qnil;
  for (int i = 0; i < argc; i++) ep[i] = argv[i];
  /* a trailing Hash is keywords only when the caller passed keywords: yield with
   * keywords (vm->yield_kw), or a C method handing on its own arguments (Proc#call) */
  bool kw = yield_kw || ((cfp->flags & FRAME_KW) && argv == cfp->base + 1 && argc == cfp->argc);
  if (kw && argc > 0 && kn_is_type(argv[argc - 1], T_HASH)) {
    kwh = argv[argc - 1];
    argc--;
  }
  Frame *f = push_frame(vm, ep, flags | FRAME_BLOCK | (is_lambda ? FRAME_LAMBDA : 0));
  f->self = self_override != Qundef ? self_override : b->self;
  f->me = b->me;
  f->mid = b->me ? b->me->name : cfp->mid;   /* super and __method__ in a block: its method */
  f->iseq = iseq;
  f->blockh = NIL_P(blockarg) ? Qnil : blockarg;
  f->cref = b->cref;
  f->deftarget = deftarget;
  f->self_block = b;
  f->base = base;
  int start = 0;
  /* exactly the required parameters (and not a |a,| block given one value to splat) */
  if (!NIL_P(kwh) || argc != pp->lead_num || pp->size != argc || (argc == 1 && !pp->ambiguous_param0))
    start = setup_args(vm, iseq, ep, argc, kwh, !is_lambda);
  f->argc = iseq->param.size;
  ep = setup_locals(vm, f, iseq, ep, b->ep, b->env);
  if (iseq->param.block_start >= 0) ep[iseq->param.block_start] = kn_block_proc(vm, f->blockh);
  f->bp = sp + 1 + iseq->local_size;
  f->sp = f->bp;
  f->pc = iseq->code + start;
  count_call(vm, (Iseq *)iseq);
  return f;
}

/* A block handler's Block when it is Ruby code (not a C/Symbol/Method block), else NULL. */
static const Block *iseq_block(VM *vm, VALUE bh, bool *is_lambda) {
  if (NIL_P(bh) || bh == 0) return NULL;
  const Block *b = bh_block(vm, bh, is_lambda);
  return b->iseq ? b : NULL;
}

static VALUE vm_exec(VM *vm, Frame *base, bool pending);

/* Runs the block frame f just pushed (FRAME_FINISH) to its result. When its code is
 * compiled, calls that directly (no interpreter loop is started for it) under a handler
 * of its own, so that an exception raised in it, or in frames it calls, is unwound by an
 * exec whose base is f, exactly as if vm_exec had run f from the start. */
static VALUE run_block_frame(VM *vm, Frame *f) {
  void *entry;
  if (!vm->jit_enter || !f->iseq->jit_entries || !(entry = f->iseq->jit_entries[f->pc - f->iseq->code]))
    return vm_exec(vm, f, false);
  JmpHandler h;
  h.prev = vm->handler;
  h.cfp = f - 1;
  h.sp = NULL;
  vm->handler = &h;
  if (setjmp(h.buf) != 0) {
    vm->handler = h.prev;
    return vm_exec(vm, f, true);
  }
  VALUE r = vm->jit_enter(vm, f, entry);
  vm->handler = h.prev;
  if (r != Qundef) return r;          /* the frame left (compiled leave popped it) */
  return vm_exec(vm, f, false);       /* the interpreter goes on from vm->cfp */
}

VALUE kn_vm_invoke_block(VM *vm, VALUE bh, int argc, const VALUE *argv, VALUE blockarg,
                         VALUE self_override, VALUE deftarget, bool lambda_semantics) {
  bool yield_kw = vm->yield_kw;
  vm->yield_kw = false;
  if (NIL_P(bh) || bh == 0) kn_raise(vm, vm->eLocalJumpError, "no block given (yield)");
  bool is_lambda;
  const Block *b = bh_block(vm, bh, &is_lambda);
  if (lambda_semantics) is_lambda = true;
  if (!b->iseq) {
    if (b->proxy && SYMBOL_P(b->proxy)) {
      if (argc < 1) kn_raise(vm, vm->eArgumentError, "no receiver given");
      return kn_funcall_public(vm, argv[0], SYM2ID(b->proxy), argc - 1, argv + 1, blockarg);
    }
    if (b->proxy && kn_is_type(b->proxy, T_ARRAY)) return invoke_cproc(vm, b, argc, argv, blockarg);
    if (b->proxy) return kn_funcall_block(vm, b->proxy, vm->id_call, argc, argv, blockarg);
    return Qnil;
  }
  check_cstack(vm);
  Frame *cfp = vm->cfp;
  Frame *f = push_block_frame(vm, b, is_lambda, argc, argv, blockarg, self_override, deftarget,
                              yield_kw, FRAME_FINISH, cfp->sp);
  VALUE r = run_block_frame(vm, f);
  vm->cfp = cfp;
  return r;
}

VALUE kn_yield(VM *vm, VALUE blk, int argc, const VALUE *argv) {
  return kn_vm_invoke_block(vm, blk, argc, argv, Qnil, Qundef, 0, false);
}
VALUE kn_yield1(VM *vm, VALUE blk, VALUE arg) { return kn_yield(vm, blk, 1, &arg); }
VALUE kn_yield_values(VM *vm, VALUE blk, int argc, ...) {
  VALUE argv[16];
  va_list ap;
  va_start(ap, argc);
  for (int i = 0; i < argc && i < 16; i++) argv[i] = va_arg(ap, VALUE);
  va_end(ap);
  return kn_yield(vm, blk, argc, argv);
}
VALUE kn_proc_call(VM *vm, VALUE proc, int argc, const VALUE *argv, VALUE blk) {
  return kn_vm_invoke_block(vm, proc, argc, argv, blk, Qundef, 0, false);
}

VALUE kn_proc_from_block(VM *vm, const Block *b, bool lambda) {
  VALUE p = kn_obj_alloc(vm, T_PROC, vm->cProc);
  Block *copy = kn_xmalloc(sizeof(Block));
  *copy = *b;
  RPROC(p)->block = copy;
  if (lambda) RBASIC(p)->flags |= FL_LAMBDA;
  return p;
}

VALUE kn_block_proc(VM *vm, VALUE bh) {
  if (NIL_P(bh) || bh == 0) return Qnil;
  if (!KN_BH_IS_BLOCK(bh)) return bh;
  return kn_proc_from_block(vm, KN_BH_BLOCK(bh), false);
}

VALUE kn_proc_new_cfunc(VM *vm, CFunc fn, VALUE data, bool lambda) {
  Block b = {0};
  b.self = Qnil;
  VALUE pair = kn_ary_new_values(vm, 2, INT2FIX((intptr_t)fn), data);
  b.proxy = pair;
  return kn_proc_from_block(vm, &b, lambda);
}

/* ---- top-level / eval frames ------------------------------------------------------------- */
VALUE kn_vm_run_iseq(VM *vm, const Iseq *iseq, VALUE self, VALUE cref, VALUE *parent_ep,
                     VALUE parent_env, int flags, VALUE blockh, const MethodEntry *me) {
  Frame *cfp = vm->cfp;
  VALUE *sp = cfp->sp;
  check_stack(vm, sp, iseq->local_size + iseq->stack_max + 8);
  VALUE *ep = sp + 1;
  Frame *f = push_frame(vm, ep, FRAME_FINISH | flags);
  f->self = self;
  f->iseq = iseq;
  f->cref = cref;
  f->blockh = blockh;
  f->me = me;
  f->mid = me ? me->name : 0;
  f->base = sp;
  f->argc = 0;
  ep = setup_locals(vm, f, iseq, ep, parent_ep, parent_env);
  f->bp = sp + 1 + iseq->local_size;
  f->sp = f->bp;
  f->pc = iseq->code;
  VALUE r = kn_vm_exec(vm);
  vm->cfp = cfp;
  return r;
}

/* ---- unwinding ------------------------------------------------------------------------ */
VALUE kn_throw_new(VM *vm, int state, VALUE value, VALUE *target_ep, VALUE tag) {
  VALUE t = kn_obj_alloc(vm, T_THROW, 0);
  RTHROW(t)->state = state;
  RTHROW(t)->value = value;
  RTHROW(t)->target_ep = target_ep;
  RTHROW(t)->tag = tag;
  return t;
}

static bool ep_in_chain(VALUE *ep, VALUE *target) {
  for (VALUE *e = ep; e; e = kn_ep_parent(e)) if (e == target) return true;
  return false;
}

/* break/return from the current frame: build the throw record */
static _Noreturn void do_throw(VM *vm, Frame *f, int state, VALUE val) {
  if (state == KN_TAG_BREAK) {
    if (f->flags & FRAME_LAMBDA) {
      /* handled by the caller as leave */
    }
    const Block *b = f->self_block;
    if (!b) kn_raise(vm, vm->eLocalJumpError, "break from proc-closure");
    /* is the creating frame still running? */
    bool found = false;
    for (Frame *g = f - 1; g >= vm->frames; g--) if (g->ep == b->ep && g->iseq) { found = true; break; }
    if (!found) {
      VALUE exc = kn_exc_new(vm, vm->eLocalJumpError, "break from proc-closure");
      kn_ivar_set(vm, exc, kn_intern(vm, "@exit_value"), val);
      kn_ivar_set(vm, exc, kn_intern(vm, "@reason"), kn_sym(vm, "break"));
      kn_raise_exc(vm, exc);
    }
    kn_jump(vm, KN_TAG_BREAK, kn_throw_new(vm, KN_TAG_BREAK, val, b->ep, 0));
  }
  /* return: find the method frame at the root of the ep chain, or an enclosing lambda */
  VALUE *root = f->ep;
  while (kn_ep_parent(root)) root = kn_ep_parent(root);
  for (Frame *g = f; g >= vm->frames; g--) {
    if (!g->iseq) continue;
    if ((g->flags & FRAME_LAMBDA) && ep_in_chain(f->ep, g->ep))
      kn_jump(vm, KN_TAG_RETURN, kn_throw_new(vm, KN_TAG_RETURN, val, g->ep, 0));
    if (g->ep == root && !(g->flags & FRAME_BLOCK))
      kn_jump(vm, KN_TAG_RETURN, kn_throw_new(vm, KN_TAG_RETURN, val, g->ep, 0));
  }
  VALUE exc = kn_exc_new(vm, vm->eLocalJumpError, "unexpected return");
  kn_raise_exc(vm, exc);
}

/* Finds a handler for errinfo in frames above (and including) base. Returns true with
 * vm->cfp set to the frame to resume (pc, sp set) when one is found; returns false with
 * base popped when the throw must go further out. For a RETURN reaching its frame, sets
 * *ret to the value and returns true with *returned set when base itself returns.
 * *errp may be replaced (an orphan break becomes a LocalJumpError). */
static bool unwind(VM *vm, Frame *base, VALUE *errp, VALUE *ret, bool *returned) {
  VALUE errinfo = *errp;
  bool is_throw = kn_is_type(errinfo, T_THROW);
  int state = is_throw ? RTHROW(errinfo)->state : KN_TAG_RAISE;
  *returned = false;
  for (;;) {
    Frame *f = vm->cfp;
    if (f->iseq) {
      const Iseq *iseq = f->iseq;
      int pos = (int)(f->pc - iseq->code) - 1;
      for (int i = 0; i < iseq->catch_len; i++) {
        const CatchEntry *e = &iseq->catch_table[i];
        if (pos < e->start || pos >= e->end) continue;
        bool take = false;
        VALUE push = errinfo;
        if (e->type == CATCH_RESCUE && !is_throw) take = true;
        else if (e->type == CATCH_ENSURE && state != KN_TAG_FATAL) take = true;
        else if (e->type == CATCH_BREAK && state == KN_TAG_BREAK && RTHROW(errinfo)->target_ep == f->ep) {
          take = true;
          push = RTHROW(errinfo)->value;
        }
        if (!take) continue;
        if (e->type == CATCH_RESCUE) vm->errinfo = errinfo;
        f->sp = f->bp + e->sp;
        *f->sp++ = push;
        f->pc = iseq->code + e->cont;
        return true;
      }
      if (state == KN_TAG_BREAK && RTHROW(errinfo)->target_ep == f->ep) {
        /* the frame that made the block is running, but the call the block was given
         * to has returned (an orphan proc): CRuby raises LocalJumpError here */
        VALUE exc = kn_exc_new(vm, vm->eLocalJumpError, "break from proc-closure");
        kn_ivar_set(vm, exc, kn_intern(vm, "@exit_value"), RTHROW(errinfo)->value);
        kn_ivar_set(vm, exc, kn_intern(vm, "@reason"), kn_sym(vm, "break"));
        errinfo = *errp = exc;
        is_throw = false;
        state = KN_TAG_RAISE;
        continue;
      }
      if (state == KN_TAG_RETURN && RTHROW(errinfo)->target_ep == f->ep) {
        VALUE val = RTHROW(errinfo)->value;
        vm->cfp = f - 1;
        if (f->flags & FRAME_FINISH) {
          *ret = val;
          *returned = true;
          return f == base ? true : (vm->cfp = f, false);
        }
        *f->base = (f->flags & FRAME_CTOR) ? f->self : val;
        vm->cfp->sp = f->base + 1;
        return true;
      }
    }
    if (f == base) {
      vm->cfp = f - 1;
      return false;
    }
    vm->cfp = f - 1;
  }
}

/* kn_class_of, inlined for the call paths: heap objects first. */
static inline VALUE class_of(VM *vm, VALUE v) {
  if (HEAP_P(v)) return RBASIC(v)->klass;
  return kn_class_of(vm, v);
}

/* Instance variable slots through an IvarCache (index per class, see class.c iv_index).
 * Both return false when the cache does not apply; then the caller takes the slow path,
 * which refills the cache. */
static inline bool ivar_load_fast(VALUE obj, const IvarCache *ic, VALUE *out) {
  if (!HEAP_P(obj) || RBASIC(obj)->klass != ic->klass || KN_BUILTIN_TYPE(obj) != T_OBJECT)
    return false;
  const RObject *o = ROBJECT(obj);
  VALUE v = ic->index < o->numiv ? o->ivptr[ic->index] : Qnil;
  *out = v == Qundef ? Qnil : v;
  return true;
}

static inline bool ivar_store_fast(VALUE obj, const IvarCache *ic, VALUE v) {
  if (!HEAP_P(obj) || RBASIC(obj)->klass != ic->klass || KN_BUILTIN_TYPE(obj) != T_OBJECT ||
      (RBASIC(obj)->flags & FL_FROZEN))
    return false;
  RObject *o = ROBJECT(obj);
  uint32_t i = ic->index;
  if (i < o->numiv) {
    o->ivptr[i] = v;
    return true;
  }
  if (o->capa == 0 && i < KN_OBJ_EMBED) {
    o->ivptr = o->embed;
    o->capa = KN_OBJ_EMBED;
  }
  if (i >= o->capa) return false;
  while (o->numiv < i) o->ivptr[o->numiv++] = Qundef;
  o->ivptr[o->numiv++] = v;
  return true;
}

/* A Float result: a flonum without calling out, else a heap Float. */
static inline VALUE float_new(VM *vm, double d) {
  VALUE v = kn_flonum_try(d);
  return v != Qundef ? v : kn_float_new(vm, d);
}

/* The block literal of a send in frame cfp: stored in the frame's Block slot. */
static inline VALUE block_literal(Frame *cfp, const Iseq *blockiseq) {
  Block *blk = &cfp->blk;
  blk->iseq = blockiseq;
  blk->self = cfp->self;
  blk->ep = cfp->ep;
  blk->env = cfp->env;
  blk->cref = cfp->cref;
  blk->me = cfp->me;
  blk->proxy = 0;
  return KN_BH_FROM_BLOCK(blk);
}

/* A send from frame cfp whose stack top is sp: ci->argc arguments below sp, the receiver
 * below them (a &blk value already popped into bh). cfp->pc must point past the send.
 * Returns the result (the caller pops receiver and arguments and pushes it), or Qundef
 * after pushing an iseq method frame (vm->cfp is the callee, about to run at its pc; its
 * result will go to the receiver's slot). Used by the interpreter and by compiled code
 * (kn_vm_jit_send), so both run one definition of a send. May raise. */
static inline __attribute__((always_inline)) VALUE send_core(VM *vm, Frame *cfp, VALUE *sp, CallInfo *ci, VALUE bh) {
  CallArgs ca;
  VALUE *args = sp - ci->argc;
  ca.recv = args[-1];
  ca.bh = bh;
  ca.mid = ci->mid;
  ca.flag = ci->flag;
  ca.argv = args;
  if (ci->flag & (CI_ARGS_SPLAT | CI_KW_SPLAT)) {
    cfp->sp = sp;
    sp = normalize_args(vm, args, ci->argc, ci->flag, &ca.kwh, &ca.argc);
  } else {
    ca.kwh = Qnil;
    ca.argc = ci->argc;
  }
  cfp->sp = args - 1;  /* the callee's frame starts at the receiver slot */
  VALUE klass = class_of(vm, ca.recv);
  const MethodEntry *me = ci_lookup(vm, ci, klass);
  if (me && (me->type == ME_ATTR_READER || me->type == ME_ATTR_WRITER) &&
      (me->vis == VIS_PUBLIC || (ci->flag & CI_FCALL)) && NIL_P(ca.kwh) &&
      ca.argc == (me->type == ME_ATTR_WRITER)) {
    /* attr_reader / attr_writer through the call site's ivar slot cache */
    if (!ci->ivc) ci->ivc = kn_xcalloc(1, sizeof(IvarCache));
    VALUE recv = ca.recv, r;
    if (me->type == ME_ATTR_READER) {
      if (!ivar_load_fast(recv, ci->ivc, &r)) { cfp->sp = sp; r = kn_vm_getivar(vm, recv, me->ivar, ci->ivc); }
    } else {
      r = args[0];
      if (!ivar_store_fast(recv, ci->ivc, r)) { cfp->sp = sp; kn_vm_setivar(vm, recv, me->ivar, r, ci->ivc); }
    }
    return r;
  }
  cfp->sp = sp;
  if (me && me->type == ME_ISEQ && (me->vis == VIS_PUBLIC || (ci->flag & CI_FCALL))) {
    push_method_frame(vm, me, &ca, 0);
    return Qundef;
  }
  return vm_call(vm, &ca, me, false);
}

/* send_core out of line, for the runtime entry points of compiled code (the interpreter
 * keeps its own inlined copy). */
static __attribute__((noinline)) VALUE send_core_call(VM *vm, Frame *cfp, VALUE *sp, CallInfo *ci, VALUE bh) {
  return send_core(vm, cfp, sp, ci, bh);
}

/* A call of the C method me from compiled code (the call site's cache holds it; the
 * receiver's class was checked): arguments as for send_core, no keywords, no block. */
VALUE kn_vm_jit_call_cfunc(VM *vm, const MethodEntry *me, CallInfo *ci) {
  Frame *cfp = vm->cfp;
  CallArgs ca;
  VALUE *args = cfp->sp - ci->argc;
  ca.recv = args[-1];
  ca.argv = args;
  ca.argc = ci->argc;
  ca.kwh = Qnil;
  ca.bh = Qnil;
  ca.mid = ci->mid;
  ca.flag = ci->flag;
  return call_cfunc(vm, me, &ca);
}

/* Instance variable access from compiled code after its inline case missed: the
 * interpreter's cached paths (new slots, unset slots), then the full lookup. */
VALUE kn_vm_jit_getivar(VM *vm, VALUE self, ID id, IvarCache *ic) {
  VALUE v;
  if (ivar_load_fast(self, ic, &v)) return v;
  return kn_vm_getivar(vm, self, id, ic);
}

void kn_vm_jit_setivar(VM *vm, VALUE self, ID id, VALUE v, IvarCache *ic) {
  if (!ivar_store_fast(self, ic, v)) kn_vm_setivar(vm, self, id, v, ic);
}

/* A core's outcome for compiled code: with Qundef (a frame was pushed), the compiled code
 * for the new frame's pc, if any. */
static KnSendResult send_result(VM *vm, VALUE v) {
  KnSendResult res;
  res.value = v;
  res.entry = NULL;
  if (v == Qundef) {
    const Frame *f = vm->cfp;
    if (f->iseq->jit_entries) res.entry = f->iseq->jit_entries[f->pc - f->iseq->code];
  }
  return res;
}

/* For compiled code: the send of instruction `send`/`opt_send_without_block` (or the
 * generic path of an opt_* instruction) in vm->cfp, whose pc and sp compiled code has
 * stored. Returns as send_core; with Qundef, *entry is the compiled code for the pushed
 * frame's pc, or NULL when it must run in the interpreter. */
KnSendResult kn_vm_jit_send(VM *vm, CallInfo *ci, const Iseq *blockiseq) {
  Frame *cfp = vm->cfp;
  VALUE *sp = cfp->sp;
  VALUE bh;
  if (ci->flag & CI_ARGS_BLOCKARG) {
    VALUE b = *--sp;
    cfp->sp = sp;
    bh = to_block_handler(vm, b);
  } else {
    bh = blockiseq ? block_literal(cfp, blockiseq) : Qnil;
  }
  return send_result(vm, send_core_call(vm, cfp, sp, ci, bh));
}

/* The frame of the method whose code cfp runs (cfp itself, or for a block the method
 * frame its ep chain roots in); NULL when that frame is gone. */
static Frame *method_frame(VM *vm, Frame *cfp) {
  if (!(cfp->flags & FRAME_BLOCK)) return cfp;
  VALUE *root = cfp->ep;
  while (kn_ep_parent(root)) root = kn_ep_parent(root);
  for (Frame *g = cfp; g >= vm->frames; g--) if (g->ep == root && !(g->flags & FRAME_BLOCK)) return g;
  return NULL;
}

/* The implicit block of a bare super: the method's own block. */
static VALUE method_block(VM *vm, Frame *cfp) {
  Frame *mf = method_frame(vm, cfp);
  return mf ? mf->blockh : cfp->blockh;
}

/* invokesuper in frame cfp with the stack top at sp (arguments as for send_core, the
 * receiver slot below them). Returns the result or Qundef after pushing a frame. */
static VALUE super_core(VM *vm, Frame *cfp, VALUE *sp, CallInfo *ci, VALUE bh) {
  CallArgs ca;
  VALUE *args = sp - ci->argc;
  ca.recv = cfp->self;
  ca.bh = bh;
  ca.flag = ci->flag | CI_FCALL;
  ca.argv = args;
  const MethodEntry *cur = cfp->me;
  if (!cur) { cfp->sp = sp; kn_raise(vm, vm->eRuntimeError, "super called outside of method"); }
  ca.mid = cfp->mid ? cfp->mid : cur->name;
  if (ci->flag & (CI_ARGS_SPLAT | CI_KW_SPLAT)) {
    cfp->sp = sp;
    sp = normalize_args(vm, args, ci->argc, ci->flag, &ca.kwh, &ca.argc);
  } else {
    ca.kwh = Qnil;
    ca.argc = ci->argc;
  }
  cfp->sp = sp;
  VALUE klass = class_of(vm, ca.recv);
  VALUE c = klass;
  VALUE owner = cur->owner;
  /* the owner's place in the receiver's chain; a prepended class's own methods live in
   * its origin iclass, below the prepended modules */
  bool prepended = !kn_is_type(owner, T_ICLASS) && (RBASIC(owner)->flags & FL_PREPENDED);
  while (c && !((c == owner && !prepended) ||
                (kn_is_type(c, T_ICLASS) && RCLASS(c)->ext->module == owner)))
    c = RCLASS(c)->super;
  VALUE found;
  const MethodEntry *me = c ? kn_method_lookup_from(vm, RCLASS(c)->super, ca.mid, &found) : NULL;
  VALUE *recv_slot = args - 1;
  if (!me) {
    /* no superclass method: a method_missing of the receiver's own gets the call */
    const MethodEntry *mme = kn_method_lookup(vm, klass, vm->id_method_missing);
    if (mme && mme->type != ME_CFUNC) {
      recv_slot[0] = ca.recv;
      return call_method_missing(vm, &ca, 0);
    }
    VALUE mm = kn_funcall(vm, vm->eNoMethodError, vm->id_new, 2, (VALUE[]){
      kn_str_printf(vm, "super: no superclass method `%s' for %V", kn_id_name(vm, ca.mid), kn_obj_describe(vm, ca.recv)),
      ID2SYM(ca.mid)});
    kn_raise_exc(vm, mm);
  }
  recv_slot[0] = ca.recv;
  return vm_call(vm, &ca, me, false);
}

/* invokeblock (yield) in frame cfp with ci->argc arguments below sp: the block's result,
 * or Qundef after pushing the block's frame (its result will replace the arguments). */
static VALUE yield_core(VM *vm, Frame *cfp, VALUE *sp, CallInfo *ci) {
  /* the block of the method frame this code belongs to */
  Frame *mf = method_frame(vm, cfp);
  cfp->sp = sp;
  if (!mf) kn_raise(vm, vm->eLocalJumpError, "no block given (yield)");
  VALUE bh = mf->blockh;
  VALUE *args = sp - ci->argc;
  VALUE kwh = Qnil;
  int argc = ci->argc;
  if (ci->flag & (CI_ARGS_SPLAT | CI_KW_SPLAT)) sp = normalize_args(vm, args, ci->argc, ci->flag, &kwh, &argc);
  if (!NIL_P(kwh)) args[argc++] = kwh;
  if (NIL_P(bh)) kn_raise(vm, vm->eLocalJumpError, "no block given (yield)");
  cfp->sp = args + argc;
  bool is_lambda;
  const Block *b = iseq_block(vm, bh, &is_lambda);
  if (b) {   /* Ruby code: a frame that returns here, run by this loop (no nested exec) */
    push_block_frame(vm, b, is_lambda, argc, args, Qnil, Qundef, 0, !NIL_P(kwh), 0, args);
    return Qundef;
  }
  vm->yield_kw = !NIL_P(kwh);
  return kn_vm_invoke_block(vm, bh, argc, args, Qnil, Qundef, 0, false);
}

KnSendResult kn_vm_jit_invokesuper(VM *vm, CallInfo *ci, const Iseq *blockiseq) {
  Frame *cfp = vm->cfp;
  VALUE *sp = cfp->sp;
  VALUE bh;
  if (ci->flag & CI_ARGS_BLOCKARG) { VALUE b = *--sp; cfp->sp = sp; bh = to_block_handler(vm, b); }
  else bh = blockiseq ? block_literal(cfp, blockiseq) : method_block(vm, cfp);
  return send_result(vm, super_core(vm, cfp, sp, ci, bh));
}

KnSendResult kn_vm_jit_invokeblock(VM *vm, CallInfo *ci) {
  return send_result(vm, yield_core(vm, vm->cfp, vm->cfp->sp, ci));
}

/* ---- opt_* instructions: their fast paths, shared by the interpreter and compiled code */
/* Operands an opt_* instruction takes from the stack (the receiver included). */
static inline int opt_operands(int op) {
  switch (op) {
  case BIN_opt_aset: return 3;
  case BIN_opt_length: case BIN_opt_size: case BIN_opt_empty_p: case BIN_opt_succ:
  case BIN_opt_not: case BIN_opt_nil_p: return 1;
  default: return 2;
  }
}

/* Mixed Integer/Float operands as doubles (at least one a flonum); false otherwise. */
/* exact: for a comparison, a Fixnum operand must convert to a double exactly (|n| <=
 * 2**53); a larger one is compared exactly by Integer's method (as CRuby does). */
static inline bool flo_operands(VALUE a, VALUE b, double *da, double *db, bool exact) {
  if (!FLONUM_P(a) && !FLONUM_P(b)) return false;
  const long lim = 1L << 53;
  if (FLONUM_P(a)) *da = kn_flonum_value(a);
  else if (FIXNUM_P(a) && (!exact || (FIX2LONG(a) >= -lim && FIX2LONG(a) <= lim))) *da = (double)FIX2LONG(a);
  else return false;
  if (FLONUM_P(b)) *db = kn_flonum_value(b);
  else if (FIXNUM_P(b) && FLONUM_P(a) && (!exact || (FIX2LONG(b) >= -lim && FIX2LONG(b) <= lim)))
    *db = (double)FIX2LONG(b);
  else return false;
  return true;
}

/* The fast paths of opt instruction `op` on operands v[0..opt_operands(op)) that need no
 * send: the result, or Qundef when the instruction must send (an operand type without a
 * fast path, a redefined operator, Fixnum overflow). The caller has saved pc and sp (this
 * may allocate or raise FrozenError). */
static inline __attribute__((always_inline)) VALUE opt_slow(VM *vm, int op, const VALUE *v) {
  VALUE a = v[0], b = v[1];
  uint32_t rb = vm->redefined_basic;
  double da, db;
  switch (op) {
#define FLO_ARITH(insn, bop, expr)                                                  \
  case insn:                                                                        \
    if (!(rb & (bop)) && flo_operands(a, b, &da, &db, IS_CMP(insn))) return (expr); \
    return Qundef;
#define IS_CMP(insn) ((insn) == BIN_opt_lt || (insn) == BIN_opt_le || (insn) == BIN_opt_gt || (insn) == BIN_opt_ge)
  FLO_ARITH(BIN_opt_plus, KN_BOP_PLUS, float_new(vm, da + db))
  FLO_ARITH(BIN_opt_minus, KN_BOP_MINUS, float_new(vm, da - db))
  FLO_ARITH(BIN_opt_mult, KN_BOP_MULT, float_new(vm, da * db))
  FLO_ARITH(BIN_opt_div, KN_BOP_DIV, float_new(vm, da / db))
  FLO_ARITH(BIN_opt_lt, KN_BOP_LT, KN_BOOL(da < db))
  FLO_ARITH(BIN_opt_le, KN_BOP_LE, KN_BOOL(da <= db))
  FLO_ARITH(BIN_opt_gt, KN_BOP_GT, KN_BOOL(da > db))
  FLO_ARITH(BIN_opt_ge, KN_BOP_GE, KN_BOOL(da >= db))
#undef FLO_ARITH
#undef IS_CMP
  case BIN_opt_eq: case BIN_opt_neq: {
    if (rb & (op == BIN_opt_eq ? KN_BOP_EQ : KN_BOP_NEQ | KN_BOP_EQ)) return Qundef;
    int eq = -1;
    if (FIXNUM_P(a) && FIXNUM_P(b)) eq = a == b;
    else if (FLONUM_P(a) && FLONUM_P(b)) eq = kn_flonum_value(a) == kn_flonum_value(b);
    else if (SYMBOL_P(a) && SYMBOL_P(b)) eq = a == b;
    else if (kn_is_type(a, T_STRING) && kn_is_type(b, T_STRING) && RBASIC(a)->klass == vm->cString)
      eq = kn_str_equal(a, b);
    if (eq < 0) return Qundef;
    return KN_BOOL(op == BIN_opt_eq ? eq : !eq);
  }
  case BIN_opt_ltlt:
    if ((rb & KN_BOP_LTLT) || !HEAP_P(a)) return Qundef;
    /* like CRuby's opt_ltlt, no frame for Array#<< / String#<<: a FrozenError is
     * reported at the caller's line */
    if (RBASIC(a)->klass == vm->cArray) {
      kn_check_frozen(vm, a);
      return kn_ary_push(vm, a, b);
    }
    if (RBASIC(a)->klass == vm->cString && kn_is_type(b, T_STRING)) {
      kn_check_frozen(vm, a);
      return kn_str_append(vm, a, b);
    }
    return Qundef;
  case BIN_opt_aref:
    if ((rb & KN_BOP_AREF) || !HEAP_P(a)) return Qundef;
    if (RBASIC(a)->klass == vm->cArray && FIXNUM_P(b)) {
      long i = FIX2LONG(b), len = RARRAY_LEN(a);
      if (i < 0) i += len;
      return (i >= 0 && i < len) ? RARRAY_PTR(a)[i] : Qnil;
    }
    if (RBASIC(a)->klass == vm->cHash) return kn_hash_aref(vm, a, b);
    return Qundef;
  case BIN_opt_aset: {
    VALUE val = v[2];
    if ((rb & KN_BOP_ASET) || !HEAP_P(a) || (RBASIC(a)->flags & FL_FROZEN)) return Qundef;
    if (RBASIC(a)->klass == vm->cArray && FIXNUM_P(b)) {
      long idx = FIX2LONG(b), len = RARRAY_LEN(a);
      if (idx >= 0 && idx < len) { RARRAY_PTR(a)[idx] = val; return val; }
      if (idx >= 0) { kn_ary_store(vm, a, idx, val); return val; }
    }
    if (RBASIC(a)->klass == vm->cHash) { kn_hash_aset(vm, a, b, val); return val; }
    return Qundef;
  }
  case BIN_opt_length: case BIN_opt_size:
    if ((rb & (op == BIN_opt_length ? KN_BOP_LENGTH : KN_BOP_SIZE)) || !HEAP_P(a)) return Qundef;
    if (RBASIC(a)->klass == vm->cArray) return INT2FIX(RARRAY_LEN(a));
    if (RBASIC(a)->klass == vm->cString) return INT2FIX(kn_str_char_length(a));
    if (RBASIC(a)->klass == vm->cHash) return INT2FIX(kn_hash_size(a));
    return Qundef;
  case BIN_opt_empty_p:
    if ((rb & KN_BOP_EMPTY) || !HEAP_P(a)) return Qundef;
    if (RBASIC(a)->klass == vm->cArray) return KN_BOOL(RARRAY_LEN(a) == 0);
    if (RBASIC(a)->klass == vm->cString) return KN_BOOL(RSTRING_LEN(a) == 0);
    if (RBASIC(a)->klass == vm->cHash) return KN_BOOL(kn_hash_size(a) == 0);
    return Qundef;
  case BIN_opt_succ:
    if (!(rb & KN_BOP_SUCC) && FIXNUM_P(a) && a != INT2FIX(FIXNUM_MAX)) return a + 2;
    return Qundef;
  case BIN_opt_not:   /* only where no user class can have overridden it */
    if (!(rb & KN_BOP_NOT) && SPECIAL_CONST_P(a)) return KN_BOOL(!RTEST(a));
    return Qundef;
  case BIN_opt_nil_p:
    if (!(rb & KN_BOP_NIL_P) && SPECIAL_CONST_P(a)) return KN_BOOL(NIL_P(a));
    return Qundef;
  default:   /* opt_mod, opt_and, opt_or: Fixnum only */
    return Qundef;
  }
}

/* opt_slow out of line, for compiled code (the interpreter inlines its own copies). */
static __attribute__((noinline)) VALUE opt_slow_call(VM *vm, int op, const VALUE *v) {
  return opt_slow(vm, op, v);
}

KnSendResult kn_vm_jit_opt(VM *vm, int op, CallInfo *ci) {
  Frame *cfp = vm->cfp;
  VALUE *sp = cfp->sp;
  int n = opt_operands(op);
  VALUE r = opt_slow_call(vm, op, sp - n);
  if (r != Qundef) {
    if (!ci->opt_hit) {
      /* the profile changed under compiled code that lacks this case: recompile it */
      ci->opt_hit = 1;
      if (vm->jit_reprofile && op != BIN_opt_aref && op != BIN_opt_aset) vm->jit_reprofile(vm, (Iseq *)cfp->iseq);
    }
    KnSendResult res = {r, NULL};
    return res;
  }
  return send_result(vm, send_core_call(vm, cfp, sp, ci, Qnil));
}

/* ---- the interpreter loop ---------------------------------------------------------------- */
#define INSN_OP(i) (pc[(i) + 1])

#if KN_DISPATCH_SWITCH
#define DISPATCH() switch ((int)*pc)
#define CASE(name) case BIN_##name:
#define NEXT() goto loop_top
#else
#define DISPATCH() goto *dispatch[*pc];
#define CASE(name) L_##name:
#define NEXT() goto *dispatch[*pc]
#endif

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SAVE() (cfp->sp = sp)
#define RELOAD() do { cfp = vm->cfp; pc = cfp->pc; sp = cfp->sp; } while (0)
#define ENTER(len) do { pc += (len); cfp->pc = pc; cfp->sp = sp; } while (0)
/* A leaf instruction neither allocates, calls out nor raises: cfp->pc/sp may stay stale
 * (the GC scans a margin above the saved sp conservatively; see gc.c mark_vm_stack). */
#define LEAF(len) (pc += (len))
/* an instruction whose body is kn_insn_NAME (below) */
#define CASE_OOL(name, len)                                                 \
  CASE(name) {                                                              \
    ENTER(len);                                                             \
    sp = kn_insn_##name(vm, cfp, sp, pc - (len) + 1);                       \
    NEXT();                                                                 \
  }
/* Enters compiled code for the instruction at pc, if the frame's iseq has some. Compiled
 * code returns Qundef after a side exit (cfp->pc/sp set: interpret from there; vm->cfp may
 * be a frame compiled code pushed), or the frame's result when the frame left: a FINISH
 * frame's result is this kn_vm_exec's; otherwise it is already in the caller's stack and
 * the caller's pc/sp are set, so the caller is entered in turn if it is compiled too.
 * Used where the interpreter has just finished an instruction: frame entry, return from a
 * call, a loop back edge. */
#define JIT_CHECK()                                                         \
  do {                                                                      \
    const Iseq *ji_ = cfp->iseq;                                            \
    while (__builtin_expect(ji_ && ji_->jit_entries, 0)) {                  \
      void *e_ = ji_->jit_entries[pc - ji_->code];                          \
      if (!e_) break;                                                       \
      cfp->pc = pc;                                                         \
      cfp->sp = sp;                                                         \
      uint32_t jflags_ = cfp->flags;                                        \
      VALUE jr_ = vm->jit_enter(vm, cfp, e_);                               \
      if (jr_ != Qundef && (jflags_ & FRAME_FINISH)) {                      \
        vm->handler = h.prev;                                               \
        return jr_;                                                         \
      }                                                                     \
      RELOAD();                                                             \
      if (jr_ == Qundef) break;                                             \
      ji_ = cfp->iseq;                                                      \
    }                                                                       \
  } while (0)
/* A taken backward branch: counts it, compiles a hot loop (OSR), enters compiled code. */
#define BACK_EDGE()                                                         \
  do {                                                                      \
    Iseq *bi_ = (Iseq *)cfp->iseq;                                          \
    bi_->backedge_count++;                                                  \
    if (vm->jit_compile) {                                                  \
      if (!bi_->jit_code && !(bi_->jit_flags & 1) &&                        \
          bi_->backedge_count >= (uint32_t)vm->opts.tier1_threshold)        \
        vm->jit_compile(vm, bi_);                                           \
      if (bi_->jit_entries && bi_->jit_entries[pc - bi_->code])             \
        vm->jit_osr_entries++;                                              \
      JIT_CHECK();                                                          \
    }                                                                       \
  } while (0)

static VALUE *lvar_ep(Frame *cfp, long level) {
  VALUE *ep = cfp->ep;
  while (level-- > 0) ep = kn_ep_parent(ep);
  return ep;
}

static bool rescue_match(VM *vm, VALUE pattern, VALUE exc) {
  if (!kn_is_type(pattern, T_CLASS) && !kn_is_type(pattern, T_MODULE))
    kn_raise(vm, vm->eTypeError, "class or module required for rescue clause");
  return RTEST(kn_funcall(vm, pattern, vm->id_eqq, 1, &exc));
}

static VALUE check_match(VM *vm, VALUE pattern, VALUE target, int flag) {
  if (flag & 4) {
    for (long i = 0; i < RARRAY_LEN(pattern); i++) {
      VALUE p = RARRAY_PTR(pattern)[i];
      if ((flag & 3) == 3 ? rescue_match(vm, p, target) : RTEST(kn_funcall(vm, p, vm->id_eqq, 1, &target)))
        return Qtrue;
    }
    return Qfalse;
  }
  if ((flag & 3) == 3) return KN_BOOL(rescue_match(vm, pattern, target));
  return kn_funcall(vm, pattern, vm->id_eqq, 1, &target);
}


/* ---- instructions with out-of-line bodies ---------------------------------------------
 * Each is a function of the VM, the frame, the stack top and the instruction's operands,
 * returning the new stack top; the interpreter calls it after saving pc (past the
 * instruction) and sp, and so does compiled code: one definition for both. May allocate,
 * call Ruby code and raise. */
#define OOL_INSN(name) VALUE *kn_insn_##name(VM *vm, Frame *cfp, VALUE *sp, const VALUE *op)

OOL_INSN(putstring) {
  VALUE s = op[0];
  *sp++ = kn_str_new(vm, RSTRING_PTR(s), RSTRING_LEN(s));
  return sp;
}

OOL_INSN(putspecialobject) {
  *sp++ = kn_vm_special_object(vm, cfp, (int)(long)op[0]);
  return sp;
}

OOL_INSN(duparray) {
  *sp++ = kn_ary_dup(vm, op[0]);
  return sp;
}

OOL_INSN(duphash) {
  *sp++ = kn_hash_dup(vm, op[0]);
  return sp;
}

OOL_INSN(newarray) {
  long n = (long)op[0];
  VALUE a = kn_ary_new_from(vm, n, sp - n);
  sp -= n;
  *sp++ = a;
  return sp;
}

OOL_INSN(newhash) {
  long n = (long)op[0];
  VALUE hsh = kn_hash_new(vm);
  for (long i = 0; i < n; i += 2) kn_hash_aset(vm, hsh, sp[-n + i], sp[-n + i + 1]);
  sp -= n;
  *sp++ = hsh;
  return sp;
}

OOL_INSN(newrange) {
  VALUE r = kn_range_new(vm, sp[-2], sp[-1], (long)op[0] != 0);
  sp -= 2;
  *sp++ = r;
  return sp;
}

OOL_INSN(splatarray) {
  sp[-1] = kn_vm_splat(vm, sp[-1], (long)op[0] != 0);
  return sp;
}

OOL_INSN(concatarray) {
  VALUE b = kn_vm_splat(vm, sp[-1], false);
  VALUE a = kn_ary_dup(vm, sp[-2]);
  kn_ary_concat(vm, a, b);
  sp -= 2;
  *sp++ = a;
  return sp;
}

OOL_INSN(expandarray) {
  long pre = (long)op[0], flags = (long)op[1];
  VALUE a = kn_vm_expandarray_value(vm, *--sp);
  long post = flags >> 1;
  bool splat = flags & 1;
  long len = RARRAY_LEN(a);
  VALUE *p = RARRAY_PTR(a);
  /* push post (last first), rest, pre (last first) so pre[0] ends on top */
  /* post targets take the last values; with too few values they follow pre, nil-padded */
  long first = len >= pre + post ? len - post : pre;
  for (long i = post - 1; i >= 0; i--) *sp++ = first + i < len ? p[first + i] : Qnil;
  if (splat) {
    long n = len - pre - post;
    cfp->sp = sp;
    VALUE rest = kn_ary_new_from(vm, n > 0 ? n : 0, p + pre);
    *sp++ = rest;
  }
  for (long i = pre - 1; i >= 0; i--) *sp++ = i < RARRAY_LEN(a) ? RARRAY_PTR(a)[i] : Qnil;
  KN_GC_GUARD(a);
  return sp;
}

OOL_INSN(concatstrings) {
  long n = (long)op[0];
  long total = 0;
  for (long i = 0; i < n; i++) total += RSTRING_LEN(sp[-n + i]);
  VALUE s = kn_str_buf_new(vm, total);
  for (long i = 0; i < n; i++) kn_str_append(vm, s, sp[-n + i]);
  sp -= n;
  *sp++ = s;
  return sp;
}

OOL_INSN(objtostring) {
  VALUE v = sp[-1];
  if (!kn_is_type(v, T_STRING)) sp[-1] = kn_obj_as_string(vm, v);
  return sp;
}

OOL_INSN(anytostring) {
  VALUE str = *--sp;
  if (!kn_is_type(str, T_STRING)) str = kn_any_to_s(vm, sp[-1]);
  sp[-1] = str;
  return sp;
}

OOL_INSN(intern) {
  sp[-1] = kn_str_intern(vm, sp[-1]);
  return sp;
}

OOL_INSN(toregexp) {
  sp[-1] = kn_vm_toregexp(vm, sp[-1], (int)(long)op[0]);
  return sp;
}

OOL_INSN(getclassvariable) {
  VALUE v = kn_vm_getcvar(vm, cfp, (ID)op[0]);
  *sp++ = v;
  return sp;
}

OOL_INSN(setclassvariable) {
  VALUE v = *--sp;
  cfp->sp = sp;
  kn_vm_setcvar(vm, cfp, (ID)op[0], v);
  return sp;
}

OOL_INSN(getglobal) {
  VALUE v = kn_gvar_get(vm, (ID)op[0]);
  *sp++ = v;
  return sp;
}

OOL_INSN(setglobal) {
  VALUE v = *--sp;
  cfp->sp = sp;
  kn_gvar_set(vm, (ID)op[0], v);
  return sp;
}

OOL_INSN(getconstant) {
  ID id = (ID)op[0];
  long lexical = (long)op[1];
  ConstCache *cc = (ConstCache *)op[2];
  VALUE scope = sp[-1];
  if (lexical && NIL_P(scope)) {
    if (cc->serial == vm->const_serial && cc->cref == cfp->cref) { sp[-1] = cc->value; return sp; }
    VALUE v = kn_vm_getconstant(vm, cfp, Qnil, id, true);
    cc->serial = vm->const_serial;
    cc->cref = cfp->cref;
    cc->value = v;
    sp[-1] = v;
    return sp;
  }
  sp[-1] = kn_vm_getconstant(vm, cfp, scope, id, false);
  return sp;
}

OOL_INSN(setconstant) {
  VALUE scope = *--sp;
  VALUE v = *--sp;
  cfp->sp = sp;
  kn_vm_setconstant(vm, cfp, scope, (ID)op[0], v);
  return sp;
}

OOL_INSN(getspecial) {
  VALUE v = kn_vm_getspecial(vm, (long)op[0]);
  *sp++ = v;
  return sp;
}

OOL_INSN(defined) {
  VALUE r = kn_vm_defined(vm, cfp, (int)(long)op[0], op[1], sp[-1]);
  sp[-1] = RTEST(r) ? op[2] : Qnil;
  return sp;
}

OOL_INSN(checkmatch) {
  long flag = (long)op[0];
  VALUE pattern = sp[-1], target = sp[-2];
  VALUE r;
  if ((flag & 7) == 2 && FIXNUM_P(pattern) && FIXNUM_P(target)) r = KN_BOOL(pattern == target);
  else if ((flag & 7) == 2 && SYMBOL_P(pattern)) r = KN_BOOL(pattern == target);
  else r = check_match(vm, pattern, target, (int)flag);
  sp -= 2;
  *sp++ = RTEST(r) ? Qtrue : Qfalse;
  return sp;
}

OOL_INSN(definemethod) {
  kn_vm_define_method(vm, cfp, 0, (ID)op[0], (const Iseq *)op[1], false);
  return sp;
}

OOL_INSN(definesmethod) {
  VALUE obj = *--sp;
  cfp->sp = sp;
  kn_vm_define_method(vm, cfp, obj, (ID)op[0], (const Iseq *)op[1], true);
  return sp;
}

/* opt_* slow path: a plain send of ci->mid with argc args */
#define SLOW_SEND(argc_) goto do_send_ci

/* Runs frames from vm->cfp until the FRAME_FINISH frame `base` (vm->cfp or below it)
 * leaves, and returns its result. pending: an exception or throw (vm->errinfo) has
 * already reached this exec: it unwinds the frames from vm->cfp down to base first, as
 * when one longjmps here (kn_vm_invoke_block's compiled-block path). */
static __attribute__((noinline)) VALUE vm_exec(VM *vm, Frame *base, bool pending) {
#if !KN_DISPATCH_SWITCH
  /* The table dispatch jumps through: a static array (addressed without a register).
   * With --jit-stats it holds the counting stubs instead (process-wide: every VM of the
   * process counts once one does). */
  static const void *dispatch[BIN__COUNT] = {
#define INSN(name, ops, pop, push, doc) &&L_##name,
#include "../compile/insns.def"
#undef INSN
  };
  static const void *const dispatch_count[BIN__COUNT] = {
#define INSN(name, ops, pop, push, doc) &&C_##name,
#include "../compile/insns.def"
#undef INSN
  };
  if (vm->opts.jit_stats && dispatch[0] != dispatch_count[0])
    memcpy((void *)dispatch, dispatch_count, sizeof dispatch);
#else
  const bool counting = vm->opts.jit_stats;
#endif
  Frame *volatile vbase = base;
  volatile bool vpending = pending;
  Frame *cfp;
  const VALUE *pc;
  VALUE *sp;
  CallInfo *ci;
  const Iseq *blockiseq;
  VALUE bh;
  JmpHandler h;
  h.prev = vm->handler;
  h.cfp = base - 1;
  h.sp = NULL;
  vm->handler = &h;
  check_cstack(vm);
  if (setjmp(h.buf) != 0 || vpending) {
    /* an exception or throw reached this exec */
    vpending = false;
    base = vbase;
    vm->handler = &h;
    VALUE err = vm->errinfo;
    VALUE ret;
    bool returned;
    if (kn_is_type(err, T_THROW) && RTHROW(err)->state == KN_TAG_THROW) {
      /* catch/throw is handled by Kernel#catch's KN_TRY: keep unwinding */
    }
    if (unwind(vm, base, &err, &ret, &returned)) {
      if (returned) { vm->handler = h.prev; return ret; }
      RELOAD();
      goto resume;
    }
    vm->handler = h.prev;
    if (returned) return ret;
    kn_jump(vm, kn_is_type(err, T_THROW) ? RTHROW(err)->state : KN_TAG_RAISE, err);
  }
  RELOAD();
  JIT_CHECK();
resume:
#if KN_DISPATCH_SWITCH
loop_top:
  if (counting) vm->insns_executed++;
#endif
  DISPATCH() {
  CASE(nop) { LEAF(1); NEXT(); }
  CASE(putnil) { LEAF(1); PUSH(Qnil); NEXT(); }
  CASE(putself) { LEAF(1); PUSH(cfp->self); NEXT(); }
  CASE(putobject) { VALUE v = INSN_OP(0); LEAF(2); PUSH(v); NEXT(); }
  CASE_OOL(putstring, 2)
  CASE_OOL(putspecialobject, 2)
  CASE_OOL(duparray, 2)
  CASE_OOL(duphash, 2)
  CASE_OOL(newarray, 2)
  CASE_OOL(newhash, 2)
  CASE_OOL(newrange, 2)
  CASE_OOL(splatarray, 2)
  CASE_OOL(concatarray, 1)
  CASE_OOL(expandarray, 3)
  CASE_OOL(concatstrings, 2)
  CASE_OOL(objtostring, 2)
  CASE_OOL(anytostring, 1)
  CASE_OOL(intern, 1)
  CASE_OOL(toregexp, 3)
  CASE(getlocal) {
    long idx = (long)INSN_OP(0), level = (long)INSN_OP(1);
    LEAF(3);
    PUSH(level == 0 ? cfp->ep[idx] : lvar_ep(cfp, level)[idx]);
    NEXT();
  }
  CASE(setlocal) {
    long idx = (long)INSN_OP(0), level = (long)INSN_OP(1);
    LEAF(3);
    VALUE v = POP();
    if (level == 0) cfp->ep[idx] = v; else lvar_ep(cfp, level)[idx] = v;
    NEXT();
  }
  CASE(getinstancevariable) {
    ID id = (ID)INSN_OP(0);
    IvarCache *ic = (IvarCache *)INSN_OP(1);
    LEAF(3);
    VALUE self = cfp->self, v;
    if (ivar_load_fast(self, ic, &v)) {
      PUSH(v);
      NEXT();
    }
    cfp->pc = pc;
    SAVE();
    PUSH(kn_vm_getivar(vm, self, id, ic));
    NEXT();
  }
  CASE(setinstancevariable) {
    ID id = (ID)INSN_OP(0);
    IvarCache *ic = (IvarCache *)INSN_OP(1);
    ENTER(3);
    VALUE self = cfp->self;
    VALUE v = POP();
    if (ivar_store_fast(self, ic, v)) NEXT();
    SAVE();
    kn_vm_setivar(vm, self, id, v, ic);
    NEXT();
  }
  CASE_OOL(getclassvariable, 2)
  CASE_OOL(setclassvariable, 2)
  CASE_OOL(getglobal, 2)
  CASE_OOL(setglobal, 2)
  CASE_OOL(getconstant, 4)
  CASE_OOL(setconstant, 2)
  CASE_OOL(getspecial, 2)
  CASE(pop) { LEAF(1); sp--; NEXT(); }
  CASE(dup) { LEAF(1); VALUE v = TOP(); PUSH(v); NEXT(); }
  CASE(dupn) {
    long n = (long)INSN_OP(0);
    LEAF(2);
    for (long i = 0; i < n; i++) sp[i] = sp[i - n];
    sp += n;
    NEXT();
  }
  CASE(swap) { LEAF(1); VALUE t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = t; NEXT(); }
  CASE(topn) { long n = (long)INSN_OP(0); LEAF(2); VALUE v = sp[-1 - n]; PUSH(v); NEXT(); }
  CASE(setn) { long n = (long)INSN_OP(0); LEAF(2); sp[-1 - n] = sp[-1]; NEXT(); }
  CASE(adjuststack) { long n = (long)INSN_OP(0); LEAF(2); sp -= n; NEXT(); }
  CASE_OOL(defined, 4)
  CASE_OOL(checkmatch, 2)
  CASE(checkkeyword) {
    long idx = (long)INSN_OP(0);
    LEAF(2);
    PUSH(KN_BOOL(cfp->ep[idx] == Qundef));
    NEXT();
  }
  CASE(branchif) {
    long off = (long)INSN_OP(0);
    LEAF(2);
    VALUE v = POP();
    if (RTEST(v)) {
      pc += off;
      if (off < 0) BACK_EDGE();
    }
    NEXT();
  }
  CASE(branchunless) {
    long off = (long)INSN_OP(0);
    LEAF(2);
    VALUE v = POP();
    if (!RTEST(v)) {
      pc += off;
      if (off < 0) BACK_EDGE();
    }
    NEXT();
  }
  CASE(branchnil) {
    long off = (long)INSN_OP(0);
    LEAF(2);
    VALUE v = POP();
    if (NIL_P(v)) pc += off;
    NEXT();
  }
  CASE(jump) {
    long off = (long)INSN_OP(0);
    LEAF(2);
    pc += off;
    if (off < 0) BACK_EDGE();
    NEXT();
  }
  CASE(send)
    ci = (CallInfo *)INSN_OP(0);
    blockiseq = (const Iseq *)INSN_OP(1);
    ENTER(3);
    goto do_send;
  CASE(opt_send_without_block)
    ci = (CallInfo *)INSN_OP(0);
    blockiseq = NULL;
    ENTER(2);
    goto do_send;
  do_send_ci:
    blockiseq = NULL;
  do_send: {
    if (ci->flag & CI_ARGS_BLOCKARG) {
      VALUE b = POP();
      SAVE();
      bh = to_block_handler(vm, b);
    } else {
      bh = blockiseq ? block_literal(cfp, blockiseq) : Qnil;
    }
    VALUE *args = sp - ci->argc;
    VALUE r = send_core(vm, cfp, sp, ci, bh);
    if (r == Qundef) { RELOAD(); JIT_CHECK(); NEXT(); }
    sp = args - 1;
    PUSH(r);
    JIT_CHECK();
    NEXT();
  }
  CASE(invokesuper) {
    ci = (CallInfo *)INSN_OP(0);
    blockiseq = (const Iseq *)INSN_OP(1);
    ENTER(3);
    if (ci->flag & CI_ARGS_BLOCKARG) { VALUE b = POP(); SAVE(); bh = to_block_handler(vm, b); }
    else bh = blockiseq ? block_literal(cfp, blockiseq) : method_block(vm, cfp);
    VALUE *args = sp - ci->argc;
    VALUE r = super_core(vm, cfp, sp, ci, bh);
    if (r == Qundef) { RELOAD(); JIT_CHECK(); NEXT(); }
    sp = args - 1;
    PUSH(r);
    JIT_CHECK();
    NEXT();
  }
  CASE(invokeblock) {
    ci = (CallInfo *)INSN_OP(0);
    ENTER(2);
    VALUE *args = sp - ci->argc;
    VALUE r = yield_core(vm, cfp, sp, ci);
    if (r == Qundef) { RELOAD(); JIT_CHECK(); NEXT(); }
    sp = args;
    PUSH(r);
    NEXT();
  }
  CASE(leave) {
    VALUE v = TOP();
    Frame *f = cfp;
    vm->cfp = f - 1;
    if (f->flags & (FRAME_FINISH | FRAME_CTOR)) {
      if (f->flags & FRAME_CTOR) v = f->self;   /* Class#new returns the new object */
      if (f->flags & FRAME_FINISH) {
        vm->handler = h.prev;
        return v;
      }
    }
    *f->base = v;
    cfp = vm->cfp;
    sp = f->base + 1;
    pc = cfp->pc;
    JIT_CHECK();
    NEXT();
  }
  CASE(throw) {
    long state = (long)INSN_OP(0);
    ENTER(2);
    VALUE v = POP();
    SAVE();
    if (state == 0) {
      /* rethrow a pending exception or throw record */
      if (kn_is_type(v, T_THROW)) kn_jump(vm, RTHROW(v)->state, v);
      kn_jump(vm, KN_TAG_RAISE, v);
    }
    if (cfp->flags & FRAME_LAMBDA) {
      /* break/return in a lambda: leave it */
      Frame *f = cfp;
      bool direct = state == KN_TAG_BREAK || (state == KN_TAG_RETURN);
      if (direct) {
        vm->cfp = f - 1;
        if (f->flags & FRAME_FINISH) { vm->handler = h.prev; return v; }
        *f->base = v;
        cfp = vm->cfp;
        sp = f->base + 1;
        pc = cfp->pc;
        NEXT();
      }
    }
    do_throw(vm, cfp, (int)state, v);
  }
/* Fixnum operands inline; every other fast path in opt_slow; then the send. */
#define ARITH_FAST(name, bop, fixop)                                                \
  CASE(name) {                                                                      \
    LEAF(2);                                                                        \
    VALUE a = sp[-2], b = sp[-1];                                                   \
    if (FIXNUM_P(a) && FIXNUM_P(b) && !(vm->redefined_basic & (bop))) { fixop }     \
    ci = (CallInfo *)pc[-1];   /* loaded only off the Fixnum path */               \
    cfp->pc = pc;                                                                   \
    cfp->sp = sp;                                                                   \
    OPT_SLOW(BIN_##name);                                                           \
  }
/* the rest of an opt_* instruction (pc and sp saved): fast paths, else the send */
#define OPT_SLOW(op)                                                                \
  do {                                                                              \
    int n_ = opt_operands(op);                                                      \
    VALUE r_ = opt_slow(vm, op, sp - n_);                                           \
    if (r_ == Qundef) goto do_send_ci;                                              \
    if (!ci->opt_hit) ci->opt_hit = 1;                                              \
    sp -= n_ - 1;                                                                   \
    TOP() = r_;                                                                     \
    NEXT();                                                                         \
  } while (0)
  ARITH_FAST(opt_plus, KN_BOP_PLUS, {
    intptr_t r;
    if (!__builtin_add_overflow((intptr_t)a, (intptr_t)(b - 1), &r)) { sp--; TOP() = (VALUE)r; NEXT(); }
  })
  ARITH_FAST(opt_minus, KN_BOP_MINUS, {
    intptr_t r;
    if (!__builtin_sub_overflow((intptr_t)a, (intptr_t)(b - 1), &r)) { sp--; TOP() = (VALUE)r; NEXT(); }
  })
  ARITH_FAST(opt_mult, KN_BOP_MULT, {
    intptr_t r;
    if (!__builtin_mul_overflow(FIX2LONG(a), FIX2LONG(b), &r) && FIXABLE(r)) { sp--; TOP() = INT2FIX(r); NEXT(); }
  })
  ARITH_FAST(opt_div, KN_BOP_DIV, {
    intptr_t x = FIX2LONG(a); intptr_t y = FIX2LONG(b);
    if (y != 0 && !(x == FIXNUM_MIN && y == -1)) {
      intptr_t q = x / y;
      if ((x % y != 0) && ((x < 0) != (y < 0))) q--;
      sp--; TOP() = INT2FIX(q); NEXT();
    }
  })
  ARITH_FAST(opt_mod, KN_BOP_MOD, {
    intptr_t x = FIX2LONG(a); intptr_t y = FIX2LONG(b);
    if (y != 0 && !(x == FIXNUM_MIN && y == -1)) {
      intptr_t m = x % y;
      if (m != 0 && ((m < 0) != (y < 0))) m += y;
      sp--; TOP() = INT2FIX(m); NEXT();
    }
  })
  ARITH_FAST(opt_lt, KN_BOP_LT, { sp--; TOP() = KN_BOOL((intptr_t)a < (intptr_t)b); NEXT(); })
  ARITH_FAST(opt_le, KN_BOP_LE, { sp--; TOP() = KN_BOOL((intptr_t)a <= (intptr_t)b); NEXT(); })
  ARITH_FAST(opt_gt, KN_BOP_GT, { sp--; TOP() = KN_BOOL((intptr_t)a > (intptr_t)b); NEXT(); })
  ARITH_FAST(opt_ge, KN_BOP_GE, { sp--; TOP() = KN_BOOL((intptr_t)a >= (intptr_t)b); NEXT(); })
  ARITH_FAST(opt_and, KN_BOP_AND, { sp--; TOP() = a & b; NEXT(); })
  ARITH_FAST(opt_or, KN_BOP_OR, { sp--; TOP() = a | b; NEXT(); })
#define OPT_INSN(name)                                                              \
  CASE(name) {                                                                      \
    ci = (CallInfo *)INSN_OP(0);                                                    \
    ENTER(2);                                                                       \
    OPT_SLOW(BIN_##name);                                                           \
  }
  ARITH_FAST(opt_eq, KN_BOP_EQ, { sp--; TOP() = KN_BOOL(a == b); NEXT(); })
  ARITH_FAST(opt_neq, KN_BOP_NEQ | KN_BOP_EQ, { sp--; TOP() = KN_BOOL(a != b); NEXT(); })
  OPT_INSN(opt_ltlt)
  OPT_INSN(opt_aref)
  OPT_INSN(opt_aset)
  OPT_INSN(opt_length)
  OPT_INSN(opt_size)
  OPT_INSN(opt_empty_p)
  OPT_INSN(opt_succ)
  OPT_INSN(opt_not)
  OPT_INSN(opt_nil_p)
  CASE_OOL(definemethod, 3)
  CASE_OOL(definesmethod, 3)
  CASE(defineclass) {
    ID id = (ID)INSN_OP(0);
    const Iseq *body = (const Iseq *)INSN_OP(1);
    long flags = (long)INSN_OP(2);
    ENTER(4);
    VALUE super = sp[-1], scope = sp[-2];
    VALUE klass = kn_vm_define_class(vm, cfp, id, scope, super, (int)flags);
    sp -= 2;
    /* run the body as a new frame whose result replaces scope */
    check_stack(vm, sp, body->local_size + body->stack_max + 8);
    VALUE *base_slot = sp;
    PUSH(Qnil);
    SAVE();
    Frame *f = push_frame(vm, sp, FRAME_CLASS);
    f->self = klass;
    f->iseq = body;
    f->cref = kn_cref_new(vm, klass, cfp->cref);
    f->base = base_slot;
    f->me = NULL;
    f->blockh = Qnil;
    f->argc = 0;
    VALUE *ep = sp + 1;
    setup_locals(vm, f, body, ep, NULL, 0);
    f->bp = sp + 1 + body->local_size;
    f->sp = f->bp;
    f->pc = body->code;
    RELOAD();
    NEXT();
  }
  }
#if KN_DISPATCH_SWITCH
  return Qnil;
#else
  /* the counting stubs of dispatch_count */
#define INSN(name, ops, pop, push, doc) C_##name: vm->insns_executed++; goto L_##name;
#include "../compile/insns.def"
#undef INSN
#endif
}

/* Walks down from the current (C) frame to the nearest Ruby frame. */
Frame *kn_vm_caller_frame(VM *vm) {
  Frame *f = vm->cfp;
  while (f > vm->frames && !f->iseq) f--;
  return f;
}

VALUE kn_vm_exec(VM *vm) { return vm_exec(vm, vm->cfp, false); }
