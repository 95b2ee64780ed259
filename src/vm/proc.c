/* proc.c -- Proc, Method and UnboundMethod, Symbol#to_proc, and catch/throw support for
 * C iteration (kn_catch_iter / kn_stop_iter). A Proc owns a copy of its Block; a Method
 * is a T_DATA holding the receiver, the method entry and the name it was looked up by. */
#include <stdlib.h>
#include <string.h>
#include "vm_internal.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED (void)vm; (void)self; (void)argc; (void)argv; (void)blk

/* ---- Proc --------------------------------------------------------------------------------- */
static VALUE proc_call(ARGS) {
  return kn_vm_invoke_block(vm, self, argc, argv, blk, Qundef, 0, false);
}

/* CRuby's rb_iseq_min_max_arity: returns the maximum (-1: unlimited), sets *min. A
 * required keyword counts as one required argument; any keywords as one optional. */
static int iseq_min_max_arity(const Iseq *iseq, int *min) {
  const IseqParams *p = &iseq->param;
  *min = p->lead_num + p->post_num + (p->kw_required > 0 ? 1 : 0);
  if (p->rest_start >= 0) return -1;
  return p->lead_num + p->opt_num + p->post_num + ((p->has_kw || p->kwrest_start >= 0) ? 1 : 0);
}

int kn_proc_arity(VM *vm, VALUE proc) {
  (void)vm;
  const Block *b = RPROC(proc)->block;
  bool lambda = RBASIC(proc)->flags & FL_LAMBDA;
  if (!b->iseq) {
    if (b->proxy && SYMBOL_P(b->proxy)) return -2;
    if (b->proxy && kn_is_type(b->proxy, T_DATA)) return (int)FIX2LONG(kn_funcall(vm, b->proxy, kn_intern(vm, "arity"), 0, NULL));
    return -1;
  }
  int min, max = iseq_min_max_arity(b->iseq, &min);
  /* CRuby: a lambda is strict (min if min == max), a proc only knows unlimited or not */
  if (lambda) return min == max ? min : -min - 1;
  return max >= 0 ? min : -min - 1;
}

static VALUE proc_arity(ARGS) { UNUSED; return INT2FIX(kn_proc_arity(vm, self)); }
/* Proc#== / eql?: procs made from the same block literal in the same scope (CRuby 3.1) */
static VALUE proc_eq(ARGS) {
  UNUSED;
  VALUE o = argv[0];
  if (o == self) return Qtrue;
  if (!kn_is_type(o, T_PROC)) return Qfalse;
  const Block *a = RPROC(self)->block, *b = RPROC(o)->block;
  return KN_BOOL(a->iseq && a->iseq == b->iseq && a->ep == b->ep && a->self == b->self &&
                 ((RBASIC(self)->flags ^ RBASIC(o)->flags) & FL_LAMBDA) == 0);
}
static VALUE proc_hash(ARGS) {
  UNUSED;
  const Block *a = RPROC(self)->block;
  uintptr_t h = a->iseq ? (uintptr_t)a->iseq ^ ((uintptr_t)a->ep >> 3) : (uintptr_t)self;
  return INT2FIX((long)(h >> 1));
}
static VALUE proc_lambda_p(ARGS) { UNUSED; return KN_BOOL(RBASIC(self)->flags & FL_LAMBDA); }
static VALUE proc_to_proc(ARGS) { UNUSED; return self; }
static VALUE proc_inspect(ARGS) {
  UNUSED;
  const Block *b = RPROC(self)->block;
  bool lambda = RBASIC(self)->flags & FL_LAMBDA;
  if (b->iseq)
    return kn_str_printf(vm, "#<Proc:0x%016lx %s:%d%s>", (unsigned long)self, b->iseq->file, b->iseq->first_line, lambda ? " (lambda)" : "");
  if (b->proxy && SYMBOL_P(b->proxy))
    return kn_str_printf(vm, "#<Proc:0x%016lx(&%S)%s>", (unsigned long)self, b->proxy, lambda ? " (lambda)" : "");
  return kn_str_printf(vm, "#<Proc:0x%016lx%s>", (unsigned long)self, lambda ? " (lambda)" : "");
}
/* Proc#source_location: [file, line] of the block literal; nil for a C-made proc */
static VALUE proc_source_location(ARGS) {
  UNUSED;
  const Block *b = RPROC(self)->block;
  if (!b->iseq) return Qnil;
  return kn_ary_new_values(vm, 2, kn_str_new_cstr(vm, b->iseq->file), INT2FIX(b->iseq->first_line));
}
static VALUE proc_parameters(ARGS) {
  UNUSED;
  VALUE r = kn_ary_new(vm);
  const Block *b = RPROC(self)->block;
  if (!b->iseq) return r;
  const Iseq *is = b->iseq;
  const IseqParams *p = &is->param;
  bool lambda = RBASIC(self)->flags & FL_LAMBDA;
  for (int i = 0; i < p->lead_num; i++)
    kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, lambda ? "req" : "opt"), (is->locals[i] ? ID2SYM(is->locals[i]) : Qnil)));
  for (int i = 0; i < p->opt_num; i++)
    kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, "opt"), ID2SYM(is->locals[p->lead_num + i])));
  if (p->rest_start >= 0) kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, "rest"), ID2SYM(is->locals[p->rest_start])));
  for (int i = 0; i < p->post_num; i++)
    kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, lambda ? "req" : "opt"), (is->locals[p->post_start + i] ? ID2SYM(is->locals[p->post_start + i]) : Qnil)));
  for (int i = 0; i < p->kw_num; i++)
    kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, i < p->kw_required ? "keyreq" : "key"), ID2SYM(p->kw_names[i])));
  if (p->kwrest_start >= 0) kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, "keyrest"), ID2SYM(is->locals[p->kwrest_start])));
  if (p->block_start >= 0) kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, "block"), ID2SYM(is->locals[p->block_start])));
  return r;
}

static VALUE curry_step(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  VALUE data = kn_cfunc_proc_data(vm);  /* [proc, arity, args] */
  VALUE proc = RARRAY_PTR(data)[0];
  long arity = FIX2LONG(RARRAY_PTR(data)[1]);
  VALUE args = kn_ary_dup(vm, RARRAY_PTR(data)[2]);
  for (int i = 0; i < argc; i++) kn_ary_push(vm, args, argv[i]);
  if (RARRAY_LEN(args) >= arity) return kn_proc_call(vm, proc, (int)RARRAY_LEN(args), RARRAY_PTR(args), Qnil);
  /* a curried lambda's steps are lambdas, a curried proc's are procs (CRuby) */
  return kn_proc_new_cfunc(vm, curry_step, kn_ary_new_values(vm, 3, proc, RARRAY_PTR(data)[1], args),
                           (RBASIC(proc)->flags & FL_LAMBDA) != 0);
}

static VALUE proc_curry(ARGS) {
  UNUSED;
  long arity = argc > 0 ? kn_num2long(vm, argv[0]) : kn_proc_arity(vm, self);
  if (arity < 0) arity = -arity - 1;
  if (argc > 0 && (RBASIC(self)->flags & FL_LAMBDA)) {
    int a = kn_proc_arity(vm, self);
    if (a >= 0 && a != arity) kn_raise(vm, vm->eArgumentError, "wrong number of arguments (given %ld, expected %d)", arity, a);
  }
  return kn_proc_new_cfunc(vm, curry_step, kn_ary_new_values(vm, 3, self, INT2FIX(arity), kn_ary_new(vm)),
                           (RBASIC(self)->flags & FL_LAMBDA) != 0);
}

static VALUE proc_compose_step(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  VALUE data = kn_cfunc_proc_data(vm);  /* [first, second] */
  VALUE first = RARRAY_PTR(data)[0], second = RARRAY_PTR(data)[1];
  VALUE r = kn_funcall(vm, first, vm->id_call, argc, argv);
  return kn_funcall(vm, second, vm->id_call, 1, &r);
}
static VALUE proc_compose_right(ARGS) { UNUSED; return kn_proc_new_cfunc(vm, proc_compose_step, kn_ary_new_values(vm, 2, self, argv[0]), true); }
static VALUE proc_compose_left(ARGS) { UNUSED; return kn_proc_new_cfunc(vm, proc_compose_step, kn_ary_new_values(vm, 2, argv[0], self), true); }

/* Proc.new(*args) { }: the block's Proc (a new one of the subclass when called on a
 * subclass), then initialize(*args) with the block, as CRuby's rb_proc_s_new. */
static VALUE proc_s_new(ARGS) {
  UNUSED;
  if (NIL_P(blk)) kn_raise(vm, vm->eArgumentError, "tried to create Proc object without a block");
  VALUE p = kn_block_proc(vm, blk);
  if (RBASIC(p)->klass != self) {
    p = kn_proc_from_block(vm, RPROC(p)->block, (RBASIC(p)->flags & FL_LAMBDA) != 0);
    RBASIC(p)->klass = self;
  }
  bool kw = argc > 0 && (vm->cfp->flags & FRAME_KW) && kn_is_type(argv[argc - 1], T_HASH);
  kn_funcall_kw(vm, p, vm->id_initialize, argc, argv, blk, kw);
  return p;
}

static VALUE proc_eqq(ARGS) { return proc_call(vm, self, argc, argv, blk); }

/* ---- Symbol#to_proc ---------------------------------------------------------------------- */
VALUE kn_sym_to_proc(VM *vm, VALUE sym) {
  Block b = {0};
  b.self = Qnil;
  b.proxy = sym;
  return kn_proc_from_block(vm, &b, true);
}
static VALUE sym_to_proc(ARGS) { UNUSED; return kn_sym_to_proc(vm, self); }

/* ---- Method -------------------------------------------------------------------------------- */
/* recv (Qnil when unbound), owner (a module, never an iclass), klass (the class it was
 * taken from), chain (0, or for a super_method result the class or iclass it was found in:
 * where the next super_method continues) */
typedef struct MethodData { VALUE recv; VALUE owner; VALUE klass; VALUE chain; const MethodEntry *me; ID name; bool unbound; } MethodData;
static void method_mark(void *vmp, void *p) {
  MethodData *m = p;
  kn_gc_mark(vmp, m->recv);
  kn_gc_mark(vmp, m->owner);
  kn_gc_mark(vmp, m->klass);
  if (m->chain) kn_gc_mark(vmp, m->chain);
}
static const DataType method_type = {"Method", method_mark, free};

static VALUE method_new(VM *vm, VALUE klass_of_obj, VALUE recv, ID mid, const MethodEntry *me, bool unbound) {
  MethodData *m = kn_xcalloc(1, sizeof *m);
  m->recv = recv;
  m->me = me;
  m->name = mid;
  m->owner = me->owner;
  if (kn_is_type(m->owner, T_ICLASS)) m->owner = RCLASS(m->owner)->ext->module;
  m->klass = klass_of_obj;
  m->unbound = unbound;
  return kn_data_new(vm, unbound ? vm->cUnboundMethod : vm->cMethod, &method_type, m);
}

VALUE kn_obj_method(VM *vm, VALUE obj, ID mid) {
  VALUE klass = kn_class_of(vm, obj);
  const MethodEntry *me = kn_method_lookup(vm, klass, mid);
  if (!me) {
    VALUE args[2] = {ID2SYM(mid), Qtrue};
    if (RTEST(kn_funcall(vm, obj, vm->id_respond_to_missing, 2, args))) {
      MethodEntry *mm = kn_xcalloc(1, sizeof *mm);
      mm->type = ME_MISSING;
      mm->name = mid;
      mm->owner = kn_obj_class(vm, obj);
      return method_new(vm, klass, obj, mid, mm, false);
    }
    kn_name_error(vm, mid, obj, "undefined method `%s' for class `%s'", kn_id_name(vm, mid),
                  kn_str_cstr(vm, kn_class_name(vm, kn_obj_class(vm, obj))));
  }
  if (me->type == ME_ZSUPER) me = kn_vm_resolve_zsuper(vm, me, klass, mid);
  return method_new(vm, klass, obj, mid, me, false);
}

static MethodData *mdata(VM *vm, VALUE self) { return kn_data_get(vm, self, &method_type); }

static VALUE method_call(ARGS) {
  MethodData *m = mdata(vm, self);
  if (m->me->type == ME_MISSING) {
    VALUE *a = kn_xmalloc(sizeof(VALUE) * (argc + 1));
    a[0] = ID2SYM(m->name);
    memcpy(a + 1, argv, sizeof(VALUE) * argc);
    VALUE arr = kn_ary_new_from(vm, argc + 1, a);
    free(a);
    return kn_funcall_block(vm, m->recv, vm->id_method_missing, (int)RARRAY_LEN(arr), RARRAY_PTR(arr), blk);
  }
  return kn_call_method_entry(vm, m->recv, m->me, m->name, argc, argv, blk);
}

static int me_arity(VM *vm, const MethodEntry *me) {
  switch (me->type) {
  case ME_ISEQ: {
    int min, max = iseq_min_max_arity(me->iseq, &min);
    return min == max ? min : -min - 1;
  }
  case ME_CFUNC: return me->max_argc == me->min_argc ? me->min_argc : -me->min_argc - 1;
  case ME_ATTR_READER: return 0;
  case ME_ATTR_WRITER: return 1;
  case ME_BMETHOD: {
    int a = kn_proc_arity(vm, me->proc);
    return a;
  }
  default: return -1;
  }
}

static VALUE method_arity(ARGS) { UNUSED; return INT2FIX(me_arity(vm, mdata(vm, self)->me)); }
static VALUE method_name(ARGS) { UNUSED; return ID2SYM(mdata(vm, self)->name); }
static VALUE method_owner(ARGS) { UNUSED; return mdata(vm, self)->owner; }
static VALUE method_receiver(ARGS) { UNUSED; return mdata(vm, self)->recv; }
static VALUE method_unbind(ARGS) {
  UNUSED;
  MethodData *m = mdata(vm, self);
  return method_new(vm, m->klass, Qnil, m->name, m->me, true);
}
static VALUE umethod_bind(ARGS) {
  UNUSED;
  MethodData *m = mdata(vm, self);
  VALUE owner = m->owner;
  if (!kn_is_type(owner, T_MODULE) && !kn_obj_is_kind_of(vm, argv[0], owner))
    kn_raise(vm, vm->eTypeError, "bind argument must be an instance of %s", kn_str_cstr(vm, kn_class_name(vm, owner)));
  return method_new(vm, kn_class_of(vm, argv[0]), argv[0], m->name, m->me, false);
}
static VALUE umethod_bind_call(ARGS) {
  VALUE bound = umethod_bind(vm, self, 1, argv, Qnil);
  return method_call(vm, bound, argc - 1, argv + 1, blk);
}
static VALUE umethod_s_from(ARGS) {
  UNUSED;
  VALUE klass = argv[0];
  ID mid = SYM2ID(argv[1]);
  const MethodEntry *me = kn_method_lookup(vm, klass, mid);
  if (!me) kn_name_error(vm, mid, klass, "undefined method `%s' for %s `%s'", kn_id_name(vm, mid),
                         kn_is_type(klass, T_MODULE) ? "module" : "class", kn_str_cstr(vm, kn_class_name(vm, klass)));
  return method_new(vm, klass, Qnil, mid, me, true);
}
static VALUE method_source_location(ARGS) {
  UNUSED;
  MethodData *m = mdata(vm, self);
  if (m->me->type == ME_BMETHOD && kn_is_type(m->me->proc, T_PROC))
    return proc_source_location(vm, m->me->proc, 0, NULL, Qnil);   /* define_method */
  if (m->me->type != ME_ISEQ) return Qnil;
  return kn_ary_new_values(vm, 2, kn_str_new_cstr(vm, m->me->iseq->file), INT2FIX(m->me->iseq->first_line));
}
/* Method#super_method / UnboundMethod#super_method: the method `super` would reach from
 * this one (looked up above the owner's place in the chain of the class the method was
 * taken from), as a Method of the same receiver whose class is its owner; nil if none. */
static VALUE method_super_method(ARGS) {
  UNUSED;
  MethodData *m = mdata(vm, self);
  IdTable *own = RCLASS(m->me->owner)->m_tbl;
  VALUE c = m->chain ? m->chain : m->klass;
  while (c && RCLASS(c)->m_tbl != own) c = RCLASS(c)->super;
  if (!c) return Qnil;
  VALUE found = 0;
  const MethodEntry *sme = kn_method_lookup_from(vm, RCLASS(c)->super, m->name, &found);
  if (!sme || sme->type == ME_ZSUPER) return Qnil;
  VALUE owner = sme->owner;
  if (kn_is_type(owner, T_ICLASS)) owner = RCLASS(owner)->ext->module;
  VALUE r = method_new(vm, owner, m->recv, m->name, sme, m->unbound);
  mdata(vm, r)->chain = found;
  return r;
}
static VALUE method_parameters(ARGS) {
  UNUSED;
  MethodData *m = mdata(vm, self);
  VALUE r = kn_ary_new(vm);
  if (m->me->type == ME_BMETHOD) return proc_parameters(vm, m->me->proc, 0, NULL, Qnil);
  if (m->me->type != ME_ISEQ) {
    if (m->me->type == ME_CFUNC) {
      if (m->me->max_argc < 0) kn_ary_push(vm, r, kn_ary_new_values(vm, 1, kn_sym(vm, "rest")));
      else for (int i = 0; i < m->me->min_argc; i++) kn_ary_push(vm, r, kn_ary_new_values(vm, 1, kn_sym(vm, "req")));
    }
    return r;
  }
  const Iseq *is = m->me->iseq;
  const IseqParams *p = &is->param;
  for (int i = 0; i < p->lead_num; i++) kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, "req"), ID2SYM(is->locals[i])));
  for (int i = 0; i < p->opt_num; i++) kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, "opt"), ID2SYM(is->locals[p->lead_num + i])));
  if (p->rest_start >= 0) kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, "rest"), ID2SYM(is->locals[p->rest_start])));
  for (int i = 0; i < p->post_num; i++) kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, "req"), ID2SYM(is->locals[p->post_start + i])));
  for (int i = 0; i < p->kw_num; i++) kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, i < p->kw_required ? "keyreq" : "key"), ID2SYM(p->kw_names[i])));
  if (p->kwrest_start >= 0) kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, "keyrest"), ID2SYM(is->locals[p->kwrest_start])));
  if (p->block_start >= 0) kn_ary_push(vm, r, kn_ary_new_values(vm, 2, kn_sym(vm, "block"), ID2SYM(is->locals[p->block_start])));
  return r;
}

static VALUE method_proc_body(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self;
  VALUE m = kn_cfunc_proc_data(vm);
  return method_call(vm, m, argc, argv, blk);
}

VALUE kn_method_to_proc(VM *vm, VALUE method) {
  if (kn_obj_is_kind_of(vm, method, vm->cUnboundMethod)) {
    MethodData *m = mdata(vm, method);
    if (m->me->type == ME_BMETHOD) return m->me->proc;
    /* define_method with an UnboundMethod: call it on self */
    VALUE p = kn_proc_new_cfunc(vm, method_proc_body, method, true);
    return p;
  }
  return kn_proc_new_cfunc(vm, method_proc_body, method, true);
}
static VALUE method_to_proc(ARGS) { UNUSED; return kn_method_to_proc(vm, self); }

static VALUE method_inspect(ARGS) {
  UNUSED;
  MethodData *m = mdata(vm, self);
  VALUE owner = m->owner;
  VALUE s = kn_str_new_cstr(vm, m->unbound ? "#<UnboundMethod: " : "#<Method: ");
  /* CRuby 3.1: for a method of a singleton class, "obj.m" ("recv(obj).m" when inherited
   * from another object's singleton class; unbound "#<Class:obj>#m"); else the class it
   * was taken from (a singleton class only for a class or module), then "(Owner)" when
   * the method is defined elsewhere, then "#m" */
  if ((RBASIC(owner)->flags & FL_SINGLETON) && m->unbound) {
    kn_str_append(vm, s, kn_inspect(vm, owner));
    kn_str_cat_cstr(vm, s, "#");
  } else if (RBASIC(owner)->flags & FL_SINGLETON) {
    VALUE at = RCLASS(owner)->ext->attached;
    kn_str_append(vm, s, kn_inspect(vm, m->recv));
    if (at != m->recv) {
      kn_str_cat_cstr(vm, s, "(");
      kn_str_append(vm, s, kn_inspect(vm, at));
      kn_str_cat_cstr(vm, s, ")");
    }
    kn_str_cat_cstr(vm, s, ".");
  } else {
    VALUE mk = m->klass;
    if (RBASIC(mk)->flags & FL_SINGLETON) {
      VALUE at = RCLASS(mk)->ext->attached;
      if (!kn_is_type(at, T_CLASS) && !kn_is_type(at, T_MODULE))
        do mk = RCLASS(mk)->super; while (mk && KN_BUILTIN_TYPE(mk) == T_ICLASS);
    }
    kn_str_append(vm, s, kn_inspect(vm, mk));
    if (owner != mk) {
      kn_str_cat_cstr(vm, s, "(");
      kn_str_append(vm, s, kn_inspect(vm, owner));
      kn_str_cat_cstr(vm, s, ")");
    }
    kn_str_cat_cstr(vm, s, "#");
  }
  kn_str_cat_cstr(vm, s, kn_id_name(vm, m->name));
  kn_str_cat_cstr(vm, s, "(");
  VALUE params = method_parameters(vm, self, 0, NULL, Qnil);
  for (long i = 0; i < RARRAY_LEN(params); i++) {
    VALUE pr = RARRAY_PTR(params)[i];
    const char *kind = kn_id_name(vm, SYM2ID(RARRAY_PTR(pr)[0]));
    const char *nm = RARRAY_LEN(pr) > 1 ? kn_id_name(vm, SYM2ID(RARRAY_PTR(pr)[1])) : "";
    if (i) kn_str_cat_cstr(vm, s, ", ");
    if (!strcmp(kind, "req")) kn_str_cat_cstr(vm, s, *nm ? nm : "_");
    else if (!strcmp(kind, "opt")) { kn_str_cat_cstr(vm, s, nm); kn_str_cat_cstr(vm, s, "=..."); }
    else if (!strcmp(kind, "rest")) { kn_str_cat_cstr(vm, s, "*"); kn_str_cat_cstr(vm, s, nm); }
    else if (!strcmp(kind, "keyreq")) { kn_str_cat_cstr(vm, s, nm); kn_str_cat_cstr(vm, s, ":"); }
    else if (!strcmp(kind, "key")) { kn_str_cat_cstr(vm, s, nm); kn_str_cat_cstr(vm, s, ": ..."); }
    else if (!strcmp(kind, "keyrest")) { kn_str_cat_cstr(vm, s, "**"); kn_str_cat_cstr(vm, s, nm); }
    else if (!strcmp(kind, "block")) { kn_str_cat_cstr(vm, s, "&"); kn_str_cat_cstr(vm, s, nm); }
  }
  kn_str_cat_cstr(vm, s, ")");
  if (m->me->type == ME_ISEQ) {
    VALUE loc = kn_str_printf(vm, " %s:%d", m->me->iseq->file, m->me->iseq->first_line);
    kn_str_append(vm, s, loc);
  }
  kn_str_cat_cstr(vm, s, ">");
  return s;
}

static VALUE method_eq(ARGS) {
  UNUSED;
  if (!kn_is_type(argv[0], T_DATA) || RDATA(argv[0])->type != &method_type) return Qfalse;
  MethodData *a = mdata(vm, self), *b = mdata(vm, argv[0]);
  return KN_BOOL(a->recv == b->recv && a->me->owner == b->me->owner && a->me->type == b->me->type &&
                 (a->me == b->me || (a->me->iseq && a->me->iseq == b->me->iseq) || (a->me->cfunc && a->me->cfunc == b->me->cfunc)));
}

/* ---- C iteration with early exit -------------------------------------------------------- */
VALUE kn_catch_iter(VM *vm, VALUE (*body)(VM *, void *), void *arg) {
  VALUE tag = kn_obj_alloc(vm, T_OBJECT, vm->cObject);
  VALUE saved = vm->running_cproc;
  volatile VALUE vtag = tag;
  VALUE result = Qnil;
  VALUE prev_tag = kn_gvar_get(vm, kn_intern(vm, "__kiln_iter_tag"));
  kn_gvar_set(vm, kn_intern(vm, "__kiln_iter_tag"), tag);
  KN_TRY(vm) {
    result = body(vm, arg);
  } KN_CATCH(vm) {
    VALUE e = vm->errinfo;
    if (kn_is_type(e, T_THROW) && RTHROW(e)->state == KN_TAG_THROW && RTHROW(e)->tag == vtag) {
      result = RTHROW(e)->value;
      vm->errinfo = Qnil;
    } else {
      kn_gvar_set(vm, kn_intern(vm, "__kiln_iter_tag"), prev_tag);
      vm->running_cproc = saved;
      kn_jump(vm, kn_is_type(e, T_THROW) ? RTHROW(e)->state : KN_TAG_RAISE, e);
    }
  } KN_END(vm);
  vm->running_cproc = saved;
  kn_gvar_set(vm, kn_intern(vm, "__kiln_iter_tag"), prev_tag);
  return result;
}

_Noreturn void kn_stop_iter(VM *vm, VALUE value) {
  VALUE tag = kn_gvar_get(vm, kn_intern(vm, "__kiln_iter_tag"));
  kn_jump(vm, KN_TAG_THROW, kn_throw_new(vm, KN_TAG_THROW, value, NULL, tag));
}

VALUE kn_data_new(VM *vm, VALUE klass, const DataType *type, void *data) {
  VALUE d = kn_obj_alloc(vm, T_DATA, klass);
  RDATA(d)->type = type;
  RDATA(d)->data = data;
  return d;
}

void *kn_data_get(VM *vm, VALUE obj, const DataType *type) {
  if (!kn_is_type(obj, T_DATA) || RDATA(obj)->type != type)
    kn_raise(vm, vm->eTypeError, "wrong argument type %s (expected %s)", kn_obj_classname(vm, obj), type->name);
  return RDATA(obj)->data;
}

void kn_init_vm_proc(VM *vm) {
  VALUE P = vm->cProc;
  kn_define_singleton_method(vm, P, "new", proc_s_new, 0, -1);
  kn_define_method(vm, P, "call", proc_call, 0, -1);
  kn_define_method(vm, P, "()", proc_call, 0, -1);
  kn_define_method(vm, P, "[]", proc_call, 0, -1);
  kn_define_method(vm, P, "yield", proc_call, 0, -1);
  kn_define_method(vm, P, "===", proc_eqq, 0, -1);
  kn_define_method(vm, P, "arity", proc_arity, 0, 0);
  kn_define_method(vm, P, "lambda?", proc_lambda_p, 0, 0);
  kn_define_method(vm, P, "==", proc_eq, 1, 1);
  kn_define_method(vm, P, "eql?", proc_eq, 1, 1);
  kn_define_method(vm, P, "hash", proc_hash, 0, 0);
  kn_define_method(vm, P, "to_proc", proc_to_proc, 0, 0);
  kn_define_method(vm, P, "inspect", proc_inspect, 0, 0);
  kn_define_method(vm, P, "to_s", proc_inspect, 0, 0);
  kn_define_method(vm, P, "parameters", proc_parameters, 0, 0);
  kn_define_method(vm, P, "source_location", proc_source_location, 0, 0);
  kn_define_method(vm, P, "curry", proc_curry, 0, 1);
  kn_define_method(vm, P, ">>", proc_compose_right, 1, 1);
  kn_define_method(vm, P, "<<", proc_compose_left, 1, 1);
  kn_define_method(vm, vm->cSymbol, "to_proc", sym_to_proc, 0, 0);
  VALUE M = vm->cMethod, U = vm->cUnboundMethod;
  kn_define_method(vm, M, "call", method_call, 0, -1);
  kn_define_method(vm, M, "()", method_call, 0, -1);
  kn_define_method(vm, M, "[]", method_call, 0, -1);
  kn_define_method(vm, M, "===", method_call, 0, -1);
  kn_define_method(vm, M, "arity", method_arity, 0, 0);
  kn_define_method(vm, M, "name", method_name, 0, 0);
  kn_define_method(vm, M, "owner", method_owner, 0, 0);
  kn_define_method(vm, M, "receiver", method_receiver, 0, 0);
  kn_define_method(vm, M, "unbind", method_unbind, 0, 0);
  kn_define_method(vm, M, "to_proc", method_to_proc, 0, 0);
  kn_define_method(vm, M, "inspect", method_inspect, 0, 0);
  kn_define_method(vm, M, "to_s", method_inspect, 0, 0);
  kn_define_method(vm, M, "source_location", method_source_location, 0, 0);
  kn_define_method(vm, M, "parameters", method_parameters, 0, 0);
  kn_define_method(vm, M, "super_method", method_super_method, 0, 0);
  kn_define_method(vm, M, "==", method_eq, 1, 1);
  kn_define_method(vm, M, "eql?", method_eq, 1, 1);
  kn_define_method(vm, M, ">>", proc_compose_right, 1, 1);
  kn_define_method(vm, M, "<<", proc_compose_left, 1, 1);
  kn_define_method(vm, U, "bind", umethod_bind, 1, 1);
  kn_define_method(vm, U, "bind_call", umethod_bind_call, 1, -1);
  kn_define_method(vm, U, "arity", method_arity, 0, 0);
  kn_define_method(vm, U, "name", method_name, 0, 0);
  kn_define_method(vm, U, "owner", method_owner, 0, 0);
  kn_define_method(vm, U, "inspect", method_inspect, 0, 0);
  kn_define_method(vm, U, "parameters", method_parameters, 0, 0);
  kn_define_method(vm, U, "super_method", method_super_method, 0, 0);
  kn_define_method(vm, U, "source_location", method_source_location, 0, 0);
  kn_define_singleton_method(vm, U, "__from", umethod_s_from, 2, 2);
}
