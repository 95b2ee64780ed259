/* compile.c -- AST (src/parse/node.h) to bytecode (src/vm/iseq.h).
 *
 * One pass over the tree per iseq. Each construct is compiled by compile(c, node, used):
 * it leaves exactly one value on the operand stack when `used`, none otherwise; the
 * compiler tracks the stack depth exactly, because catch-table entries record the depth
 * to restore when an exception, break or retry lands in a handler.
 *
 *   method/block/class body  ->  Iseq { code, locals, params, catch table, children }
 *   begin/rescue/ensure      ->  handlers inline in the same iseq + catch entries
 *   while/until              ->  body first, condition at the bottom (one back edge)
 *   break/next in blocks     ->  throw / leave; in loops: jumps (ensure bodies inlined)
 *
 * Locals: an iseq whose locals an inner block can see keeps them in a heap T_ENV
 * (iseq->heap_env), so blocks and procs never point at a dead VM stack. */
#include <stdlib.h>
#include <string.h>
#include "compile.h"
#include "../vm/vm_internal.h"
#include "../parse/node.h"

typedef struct Label { int pos; int depth; } Label;
typedef struct Patch { int operand; int next_pc; int label; } Patch;

typedef struct LoopCtx {
  struct LoopCtx *prev;
  int kind;            /* 0 while loop, 1 block body */
  int break_label, next_label, redo_label;
  int depth;           /* stack depth at the loop's start */
  struct EnsureCtx *ensure;   /* innermost ensure outside the loop */
  struct RescueCtx *rescue;   /* innermost rescue clause outside the loop */
} LoopCtx;

typedef struct EnsureCtx {
  struct EnsureCtx *prev;
  Node *body;          /* ensure body to inline on jumps out */
  int *holes;          /* label pairs: code inside the protected range that must not be
                          covered by this ensure (ensure bodies inlined by break/next/return:
                          running this ensure again when they raise would run it twice) */
  int nholes, holes_capa;
} EnsureCtx;

typedef struct RescueCtx {
  struct RescueCtx *prev;
  int retry_label;
  int depth;
  int saved_errinfo;   /* hidden local: $! when the begin started */
} RescueCtx;

typedef struct Compiler {
  VM *vm;
  struct Compiler *parent;   /* enclosing compiler for blocks (local lookup), else NULL */
  Iseq *iseq;
  const char *file;
  VALUE *code; int len, capa;
  int *lines;
  int line;
  int depth, max_depth;
  Label *labels; int nlabels, labels_capa;
  Patch *patches; int npatches, patches_capa;
  ID *locals; int nlocals, locals_capa;
  CatchEntry *catches; int ncatch, catch_capa;
  int *catch_labels;         /* 3 labels per entry: start, end, cont */
  LoopCtx *loop;
  EnsureCtx *ensure;
  RescueCtx *rescue;
  bool in_rescue_handler;
  int block_redo;            /* block body: label + 1 of its start (redo), 0 if none */
  bool frozen_literals;      /* the file says frozen_string_literal: true */
  char *error;               /* first compile error, "file:line: message" */
  const Iseq *eval_parent;   /* eval: the binding's iseq (locals at level 1) */
} Compiler;

static void compile(Compiler *c, Node *n, bool used);
static void emit_binop(Compiler *c, const char *op);
static Iseq *compile_child(Compiler *c, Node *body, Params *params, IseqType type,
                           const char *name, Node *block_node, ID method_id);

/* ---- errors ------------------------------------------------------------------------- */
static void error(Compiler *c, int line, const char *msg) {
  if (c->error) return;
  size_t n = strlen(c->file) + strlen(msg) + 32;
  c->error = malloc(n);
  snprintf(c->error, n, "%s:%d: %s", c->file, line, msg);
}

/* ---- emission ------------------------------------------------------------------------ */
static void push_word(Compiler *c, VALUE w) {
  if (c->len == c->capa) {
    c->capa = c->capa ? c->capa * 2 : 64;
    c->code = kn_xrealloc(c->code, sizeof(VALUE) * c->capa);
    c->lines = kn_xrealloc(c->lines, sizeof(int) * c->capa);
  }
  c->lines[c->len] = c->line;
  c->code[c->len++] = w;
}

static void adjust(Compiler *c, int delta) {
  c->depth += delta;
  if (c->depth > c->max_depth) c->max_depth = c->depth;
}

static void lit(Compiler *c, VALUE v) {
  if (HEAP_P(v)) kn_iseq_add_lit(c->vm, c->iseq, v);
}

/* emit(op, delta, operands...) -- delta is the net stack effect */
static void emit0(Compiler *c, Insn op, int delta) { push_word(c, op); adjust(c, delta); }
static void emit1(Compiler *c, Insn op, int delta, VALUE a) {
  push_word(c, op); push_word(c, a); adjust(c, delta);
}
static void emit2(Compiler *c, Insn op, int delta, VALUE a, VALUE b) {
  push_word(c, op); push_word(c, a); push_word(c, b); adjust(c, delta);
}
static void emit3(Compiler *c, Insn op, int delta, VALUE a, VALUE b, VALUE d) {
  push_word(c, op); push_word(c, a); push_word(c, b); push_word(c, d); adjust(c, delta);
}

static int new_label(Compiler *c) {
  if (c->nlabels == c->labels_capa) {
    c->labels_capa = c->labels_capa ? c->labels_capa * 2 : 32;
    c->labels = kn_xrealloc(c->labels, sizeof(Label) * c->labels_capa);
  }
  c->labels[c->nlabels].pos = -1;
  c->labels[c->nlabels].depth = -1;
  return c->nlabels++;
}

static void set_label(Compiler *c, int l) {
  c->labels[l].pos = c->len;
  if (c->labels[l].depth >= 0) c->depth = c->labels[l].depth;  /* after an unconditional jump */
  c->labels[l].depth = c->depth;
}

static void emit_jump(Compiler *c, Insn op, int l) {
  int delta = (op == BIN_jump) ? 0 : -1;
  push_word(c, op);
  push_word(c, 0);
  adjust(c, delta);
  if (c->npatches == c->patches_capa) {
    c->patches_capa = c->patches_capa ? c->patches_capa * 2 : 32;
    c->patches = kn_xrealloc(c->patches, sizeof(Patch) * c->patches_capa);
  }
  c->patches[c->npatches++] = (Patch){c->len - 1, c->len, l};
  if (c->labels[l].depth < 0) c->labels[l].depth = c->depth;
}

static void add_catch(Compiler *c, int type, int lstart, int lend, int lcont, int depth) {
  if (c->ncatch == c->catch_capa) {
    c->catch_capa = c->catch_capa ? c->catch_capa * 2 : 8;
    c->catches = kn_xrealloc(c->catches, sizeof(CatchEntry) * c->catch_capa);
    c->catch_labels = kn_xrealloc(c->catch_labels, sizeof(int) * 3 * c->catch_capa);
  }
  c->catches[c->ncatch] = (CatchEntry){type, 0, 0, 0, depth};
  c->catch_labels[c->ncatch * 3] = lstart;
  c->catch_labels[c->ncatch * 3 + 1] = lend;
  c->catch_labels[c->ncatch * 3 + 2] = lcont;
  c->ncatch++;
}

static CallInfo *new_ci(Compiler *c, ID mid, int argc, uint32_t flag) {
  (void)c;
  CallInfo *ci = kn_xcalloc(1, sizeof(CallInfo));
  ci->mid = mid;
  ci->argc = argc;
  ci->flag = flag;
  return ci;
}

static ID intern(Compiler *c, const char *s) { return kn_intern(c->vm, s); }

static void emit_send(Compiler *c, ID mid, int argc, uint32_t flag, Iseq *block) {
  CallInfo *ci = new_ci(c, mid, argc, flag);
  int delta = -argc - ((flag & CI_ARGS_BLOCKARG) ? 1 : 0);  /* recv replaced by result */
  if (block || (flag & CI_ARGS_BLOCKARG))
    emit2(c, BIN_send, delta, (VALUE)ci, (VALUE)block);
  else
    emit1(c, BIN_opt_send_without_block, delta, (VALUE)ci);
}

static void emit_putobject(Compiler *c, VALUE v) {
  lit(c, v);
  emit1(c, BIN_putobject, 1, v);
}

/* ---- locals ---------------------------------------------------------------------------- */
static int add_local(Compiler *c, ID id) {
  if (c->nlocals == c->locals_capa) {
    c->locals_capa = c->locals_capa ? c->locals_capa * 2 : 16;
    c->locals = kn_xrealloc(c->locals, sizeof(ID) * c->locals_capa);
  }
  c->locals[c->nlocals] = id;
  return c->nlocals++;
}

static int find_local_here(Compiler *c, ID id) {
  for (int i = 0; i < c->nlocals; i++) if (c->locals[i] == id) return i;
  return -1;
}

/* Resolves a local: returns its index and sets *level; -1 if unknown. */
static int lookup_local(Compiler *c, ID id, int *level) {
  int lv = 0;
  for (Compiler *s = c; s; s = s->parent, lv++) {
    int i = find_local_here(s, id);
    if (i >= 0) { *level = lv; return i; }
    if (!s->parent && s->eval_parent) {
      /* eval: the binding's locals one level up, then its own enclosing scopes */
      int elv = lv + 1;
      for (const Iseq *is = s->eval_parent; is; is = is->parent, elv++) {
        for (int k = 0; k < is->local_size; k++)
          if (is->locals[k] == id) { *level = elv; return k; }
        if (is->type != ISEQ_BLOCK && is->type != ISEQ_EVAL) break;
      }
    }
  }
  return -1;
}

static int local_for_write(Compiler *c, const char *name, int *level) {
  ID id = intern(c, name);
  int i = lookup_local(c, id, level);
  if (i >= 0) return i;
  *level = 0;
  return add_local(c, id);
}

static int hidden_local(Compiler *c) { return add_local(c, 0); }

/* ---- literals ------------------------------------------------------------------------ */
static VALUE int_literal(Compiler *c, Node *n) {
  if (n->flags & NF_BIG) return kn_int_from_cstr(c->vm, n->str, n->aux ? n->aux : 10);
  return kn_int_from_ll(c->vm, n->ival);
}

/* A rational/imaginary literal is a frozen Rational/Complex built here, once. */
static VALUE number_literal(Compiler *c, Node *n) {
  switch (n->kind) {
  case N_INT: return int_literal(c, n);
  case N_FLOAT: return kn_float_new(c->vm, n->fval);
  case N_RATIONAL: return kn_rational_from_numeral(c->vm, n->str, n->aux);
  case N_IMAGINARY: return kn_complex_new(c->vm, INT2FIX(0), number_literal(c, n->a));
  default: return Qnil;
  }
}

static bool static_literal(Node *n) {
  if (!n) return false;
  switch (n->kind) {
  case N_INT: case N_FLOAT: case N_RATIONAL: case N_IMAGINARY:
  case N_SYM: case N_NIL: case N_TRUE: case N_FALSE: return true;
  default: return false;
  }
}

static VALUE static_value(Compiler *c, Node *n) {
  switch (n->kind) {
  case N_INT: case N_FLOAT: case N_RATIONAL: case N_IMAGINARY: return number_literal(c, n);
  case N_SYM: return ID2SYM(kn_intern2(c->vm, n->str, (long)n->len));
  case N_NIL: return Qnil;
  case N_TRUE: return Qtrue;
  case N_FALSE: return Qfalse;
  default: return Qnil;
  }
}

static VALUE frozen_str(Compiler *c, const char *s, size_t len) {
  VALUE str = kn_str_new(c->vm, s, (long)len);
  lit(c, str);
  RBASIC(str)->flags |= FL_FROZEN;
  return str;
}

/* ---- arguments ------------------------------------------------------------------------- */
static bool has_splat(Node **list, int n) {
  for (int i = 0; i < n; i++) if (list[i]->kind == N_SPLAT) return true;
  return false;
}

/* Builds one Array from elements that may contain splats; leaves it on the stack. */
static void compile_array_with_splats(Compiler *c, Node **list, int n) {
  int i = 0;
  bool have = false;
  while (i < n) {
    if (list[i]->kind == N_SPLAT) {
      compile(c, list[i]->a, true);
      emit1(c, BIN_splatarray, 0, have ? 0 : 1);
      if (have) emit0(c, BIN_concatarray, -1);
      have = true;
      i++;
    } else {
      int j = i;
      while (j < n && list[j]->kind != N_SPLAT) compile(c, list[j++], true);
      emit1(c, BIN_newarray, 1 - (j - i), j - i);
      if (have) emit0(c, BIN_concatarray, -1);
      have = true;
      i = j;
    }
  }
  if (!have) emit1(c, BIN_newarray, 1, 0);
}

static void compile_hash(Compiler *c, Node *n);

/* Pushes the arguments of a call; returns argc and sets *flag. */
static int compile_args(Compiler *c, Node **list, int n, uint32_t *flag) {
  Node *blockpass = NULL, *kw = NULL;
  if (n > 0 && list[n - 1]->kind == N_BLOCK_PASS) blockpass = list[--n];
  if (n > 0 && list[n - 1]->kind == N_HASH && (list[n - 1]->flags & NF_BRACELESS)) kw = list[--n];
  int argc = 0;
  if (has_splat(list, n)) {
    compile_array_with_splats(c, list, n);
    *flag |= CI_ARGS_SPLAT;
    argc = 1;
  } else {
    for (int i = 0; i < n; i++) compile(c, list[i], true);
    argc = n;
  }
  if (kw) {
    compile_hash(c, kw);
    *flag |= CI_KW_SPLAT;
    argc++;
  }
  if (blockpass) {
    if (blockpass->a) compile(c, blockpass->a, true);
    else {
      /* anonymous & : pass the current block */
      emit1(c, BIN_putspecialobject, 1, 1);
      emit_send(c, intern(c, "core#current_block"), 0, 0, NULL);
    }
    *flag |= CI_ARGS_BLOCKARG;
  }
  return argc;
}

static void compile_hash(Compiler *c, Node *n) {
  bool dsplat = false, all_static = n->nlist > 0;
  for (int i = 0; i < n->nlist; i++) {
    if (n->list[i]->kind == N_DSPLAT) { dsplat = true; all_static = false; }
    else if (!static_literal(n->list[i]->a) || !static_literal(n->list[i]->b)) all_static = false;
  }
  if (all_static) {
    VALUE h = kn_hash_new(c->vm);
    lit(c, h);
    for (int i = 0; i < n->nlist; i++)
      kn_hash_aset(c->vm, h, static_value(c, n->list[i]->a), static_value(c, n->list[i]->b));
    emit1(c, BIN_duphash, 1, h);
    return;
  }
  if (!dsplat) {
    for (int i = 0; i < n->nlist; i++) {
      compile(c, n->list[i]->a, true);
      compile(c, n->list[i]->b, true);
    }
    emit1(c, BIN_newhash, 1 - 2 * n->nlist, 2 * n->nlist);
    return;
  }
  /* with **splats: build pieces and merge them through core#hash_merge_kwd */
  emit1(c, BIN_newhash, 1, 0);
  int i = 0;
  while (i < n->nlist) {
    emit1(c, BIN_putspecialobject, 1, 1);
    emit0(c, BIN_swap, 0);
    if (n->list[i]->kind == N_DSPLAT) {
      compile(c, n->list[i]->a, true);
      i++;
    } else {
      int j = i;
      for (; j < n->nlist && n->list[j]->kind != N_DSPLAT; j++) {
        compile(c, n->list[j]->a, true);
        compile(c, n->list[j]->b, true);
      }
      emit1(c, BIN_newhash, 1 - 2 * (j - i), 2 * (j - i));
      i = j;
    }
    emit_send(c, intern(c, "core#hash_merge_kwd"), 2, 0, NULL);
  }
}

/* ---- assignment targets (value on top of the stack, consumed) ----------------------- */
static void compile_masgn_targets(Compiler *c, Node **targets, int n);

static void assign_top(Compiler *c, Node *t) {
  int level, idx;
  switch (t->kind) {
  case N_LASGN: case N_LVAR:
    idx = local_for_write(c, t->str, &level);
    emit2(c, BIN_setlocal, -1, idx, level);
    break;
  case N_IASGN: case N_IVAR:
    emit2(c, BIN_setinstancevariable, -1, intern(c, t->str), (VALUE)kn_xcalloc(1, sizeof(IvarCache)));
    break;
  case N_GASGN: case N_GVAR: emit1(c, BIN_setglobal, -1, intern(c, t->str)); break;
  case N_CVASGN: case N_CVAR: emit1(c, BIN_setclassvariable, -1, intern(c, t->str)); break;
  case N_CDECL: {
    Node *p = t->b;
    if (p->kind == N_COLON2) compile(c, p->a, true);
    else if (p->kind == N_COLON3) emit_putobject(c, c->vm->cObject);
    else emit1(c, BIN_putspecialobject, 1, 3);
    emit1(c, BIN_setconstant, -2, intern(c, p->str));
    break;
  }
  case N_ATTRASGN: {
    /* [val] -> recv args val -> call */
    compile(c, t->a, true);
    uint32_t flag = (t->a->kind == N_SELF) ? CI_SELF_RECV | CI_FCALL : 0;
    int argc = compile_args(c, t->list, t->nlist, &flag);
    emit1(c, BIN_topn, 1, argc + 1);
    if (flag & CI_ARGS_SPLAT) {
      emit1(c, BIN_newarray, 0, 1);
      emit0(c, BIN_concatarray, -1);
      emit_send(c, intern(c, t->str), 1, flag, NULL);
    } else {
      emit_send(c, intern(c, t->str), argc + 1, flag, NULL);
    }
    emit0(c, BIN_pop, -1);
    emit0(c, BIN_pop, -1);
    break;
  }
  case N_MLHS:
    compile_masgn_targets(c, t->list, t->nlist);
    break;
  case N_SPLAT:
    if (t->a) assign_top(c, t->a); else emit0(c, BIN_pop, -1);
    break;
  default:
    error(c, t->line, "unexpected assignment target");
    emit0(c, BIN_pop, -1);
  }
}

/* [array] -> assigns each target */
static void compile_masgn_targets(Compiler *c, Node **targets, int n) {
  int pre = 0, post = 0, splat = -1;
  for (int i = 0; i < n; i++) {
    if (targets[i]->kind == N_SPLAT) splat = i;
    else if (splat >= 0) post++;
    else pre++;
  }
  int flags = (post << 1) | (splat >= 0 ? 1 : 0);
  int pushed = pre + post + (splat >= 0 ? 1 : 0);
  emit2(c, BIN_expandarray, pushed - 1, pre, flags);
  for (int i = 0; i < n; i++) assign_top(c, targets[i]);
}

static void compile_masgn(Compiler *c, Node *n, bool used) {
  Node *rhs = n->a;
  if (rhs->kind == N_ARRAY && (rhs->flags & NF_MRHS)) compile_array_with_splats(c, rhs->list, rhs->nlist);
  else {
    compile(c, rhs, true);
    if (rhs->kind == N_SPLAT) { /* a, b = *x already an array */ }
  }
  if (used) emit0(c, BIN_dup, 1);
  compile_masgn_targets(c, n->list, n->nlist);
}

/* ---- variables read/write helpers ------------------------------------------------------ */
static void read_var(Compiler *c, Node *t) {
  compile(c, t, true);
}

static void write_var(Compiler *c, Node *t) {
  /* value on top; consumed */
  int level, idx;
  switch (t->kind) {
  case N_LVAR: idx = local_for_write(c, t->str, &level); emit2(c, BIN_setlocal, -1, idx, level); break;
  case N_IVAR:
    emit2(c, BIN_setinstancevariable, -1, intern(c, t->str), (VALUE)kn_xcalloc(1, sizeof(IvarCache)));
    break;
  case N_GVAR: emit1(c, BIN_setglobal, -1, intern(c, t->str)); break;
  case N_CVAR: emit1(c, BIN_setclassvariable, -1, intern(c, t->str)); break;
  case N_CONST:
    emit1(c, BIN_putspecialobject, 1, 3);
    emit1(c, BIN_setconstant, -2, intern(c, t->str));
    break;
  case N_COLON2:
    compile(c, t->a, true);
    emit1(c, BIN_setconstant, -2, intern(c, t->str));
    break;
  case N_COLON3:
    emit_putobject(c, c->vm->cObject);
    emit1(c, BIN_setconstant, -2, intern(c, t->str));
    break;
  default: error(c, t->line, "unexpected op-assign target"); emit0(c, BIN_pop, -1);
  }
}

static void compile_defined_check(Compiler *c, Node *t);

static void compile_op_asgn(Compiler *c, Node *n, bool used) {
  Node *t = n->a;
  const char *op = n->str;
  bool is_or = strcmp(op, "||") == 0, is_and = strcmp(op, "&&") == 0;
  if (t->kind == N_CALL && t->a && (strcmp(t->str, "[]") == 0 || t->nlist == 0)) {
    bool index = strcmp(t->str, "[]") == 0;
    if (used) emit0(c, BIN_putnil, 1);
    compile(c, t->a, true);
    int lnil = -1;
    if (t->flags & NF_SAFE_NAV) {   /* recv&.x op= v: nothing at all when recv is nil */
      lnil = new_label(c);
      emit0(c, BIN_dup, 1);
      emit_jump(c, BIN_branchnil, lnil);
    }
    uint32_t flag = 0;
    int argc = index ? compile_args(c, t->list, t->nlist, &flag) : 0;
    if (flag & (CI_ARGS_BLOCKARG | CI_KW_SPLAT)) error(c, n->line, "unsupported op-assign form");
    emit1(c, BIN_dupn, argc + 1, argc + 1);
    ID getter = intern(c, t->str);
    char setname[256];
    snprintf(setname, sizeof setname, "%s=", t->str);
    ID setter = intern(c, setname);
    if (index && argc == 1 && flag == 0) emit1(c, BIN_opt_aref, -1, (VALUE)new_ci(c, getter, 1, 0));
    else emit_send(c, getter, argc, flag, NULL);     /* recv args old */
    int lend = new_label(c), lskip = new_label(c);
    if (is_or || is_and) {
      emit0(c, BIN_dup, 1);
      emit_jump(c, is_or ? BIN_branchif : BIN_branchunless, lskip);
      emit0(c, BIN_pop, -1);
      compile(c, n->b, true);
    } else {
      compile(c, n->b, true);
      emit_binop(c, op);
    }
    /* recv args new */
    if (used) emit1(c, BIN_setn, 0, argc + 2);
    if (flag & CI_ARGS_SPLAT) {
      emit1(c, BIN_newarray, 0, 1);
      emit0(c, BIN_concatarray, -1);
      emit_send(c, setter, 1, flag, NULL);
    } else if (index && argc == 1 && flag == 0) {
      emit1(c, BIN_opt_aset, -2, (VALUE)new_ci(c, setter, 2, 0));
    } else {
      emit_send(c, setter, argc + 1, flag, NULL);
    }
    emit0(c, BIN_pop, -1);
    if (is_or || is_and) {
      emit_jump(c, BIN_jump, lend);
      set_label(c, lskip);
      /* recv args old */
      if (used) emit1(c, BIN_setn, 0, argc + 2);
      emit1(c, BIN_adjuststack, -(argc + 2), argc + 2);
      set_label(c, lend);
    } else {
      set_label(c, lend);
      set_label(c, lskip);
    }
    if (lnil >= 0) {
      int lout = new_label(c);
      emit_jump(c, BIN_jump, lout);
      set_label(c, lnil);   /* stack: [nil result slot] recv(nil) */
      emit0(c, BIN_pop, -1);
      set_label(c, lout);
    }
    return;
  }
  if (is_or || is_and) {
    int lend = new_label(c);
    int lassign = new_label(c);
    if (is_or && (t->kind == N_CONST || t->kind == N_CVAR || t->kind == N_COLON2 || t->kind == N_GVAR)) {
      /* read only if defined */
      compile_defined_check(c, t);
      emit_jump(c, BIN_branchunless, lassign);
    }
    read_var(c, t);
    emit0(c, BIN_dup, 1);
    emit_jump(c, is_or ? BIN_branchif : BIN_branchunless, lend);
    emit0(c, BIN_pop, -1);
    set_label(c, lassign);
    compile(c, n->b, true);
    emit0(c, BIN_dup, 1);
    write_var(c, t);
    set_label(c, lend);
    if (!used) emit0(c, BIN_pop, -1);
    return;
  }
  read_var(c, t);
  compile(c, n->b, true);
  emit_binop(c, op);
  if (used) emit0(c, BIN_dup, 1);
  write_var(c, t);
}

/* ---- defined? -------------------------------------------------------------------------- */
enum { DEF_IVAR = 1, DEF_GVAR, DEF_CVAR, DEF_CONST, DEF_FUNC, DEF_METHOD, DEF_YIELD,
       DEF_ZSUPER, DEF_CONST_FROM };

static void compile_defined_check(Compiler *c, Node *t) {
  /* pushes true-ish if defined */
  switch (t->kind) {
  case N_CONST:
    emit0(c, BIN_putnil, 1);
    emit3(c, BIN_defined, 0, DEF_CONST, ID2SYM(intern(c, t->str)), Qtrue);
    break;
  case N_COLON2:
    compile(c, t->a, true);
    emit3(c, BIN_defined, 0, DEF_CONST_FROM, ID2SYM(intern(c, t->str)), Qtrue);
    break;
  case N_CVAR:
    emit0(c, BIN_putnil, 1);
    emit3(c, BIN_defined, 0, DEF_CVAR, ID2SYM(intern(c, t->str)), Qtrue);
    break;
  case N_GVAR:
    emit0(c, BIN_putnil, 1);
    emit3(c, BIN_defined, 0, DEF_GVAR, ID2SYM(intern(c, t->str)), Qtrue);
    break;
  default:
    emit_putobject(c, Qtrue);
  }
}

static void compile_defined(Compiler *c, Node *n) {
  Node *t = n->a;
  const char *s = "expression";
  VALUE str;
  switch (t->kind) {
  case N_LVAR: s = "local-variable"; break;
  case N_LASGN: case N_IASGN: case N_GASGN: case N_CVASGN: case N_CDECL: case N_OP_ASGN:
  case N_MASGN: case N_ATTRASGN: s = "assignment"; break;
  case N_SELF: s = "self"; break;
  case N_NIL: s = "nil"; break;
  case N_TRUE: s = "true"; break;
  case N_FALSE: s = "false"; break;
  case N_IVAR: case N_GVAR: case N_CVAR: case N_CONST: case N_YIELD: case N_ZSUPER: case N_SUPER: {
    int kind = t->kind == N_IVAR ? DEF_IVAR : t->kind == N_GVAR ? DEF_GVAR :
               t->kind == N_CVAR ? DEF_CVAR : t->kind == N_CONST ? DEF_CONST :
               t->kind == N_YIELD ? DEF_YIELD : DEF_ZSUPER;
    const char *what = t->kind == N_IVAR ? "instance-variable" : t->kind == N_GVAR ? "global-variable" :
                       t->kind == N_CVAR ? "class variable" : t->kind == N_CONST ? "constant" :
                       t->kind == N_YIELD ? "yield" : "super";
    str = frozen_str(c, what, strlen(what));
    emit0(c, BIN_putnil, 1);
    emit3(c, BIN_defined, 0, kind, t->str ? ID2SYM(intern(c, t->str)) : Qnil, str);
    return;
  }
  case N_COLON2: {
    str = frozen_str(c, "constant", 8);
    /* the scope itself must be defined */
    int lnil = new_label(c), lend = new_label(c);
    if (t->a->kind == N_CONST) {
      compile_defined_check(c, t->a);
      emit_jump(c, BIN_branchunless, lnil);
    }
    compile(c, t->a, true);
    emit3(c, BIN_defined, 0, DEF_CONST_FROM, ID2SYM(intern(c, t->str)), str);
    emit_jump(c, BIN_jump, lend);
    set_label(c, lnil);
    emit0(c, BIN_putnil, 1);
    set_label(c, lend);
    return;
  }
  case N_CALL: {
    str = frozen_str(c, "method", 6);
    if (!t->a) {
      emit0(c, BIN_putself, 1);
      emit3(c, BIN_defined, 0, DEF_FUNC, ID2SYM(intern(c, t->str)), str);
      return;
    }
    int lnil = new_label(c), lend = new_label(c);
    if (t->a->kind == N_CONST || t->a->kind == N_IVAR || t->a->kind == N_GVAR) {
      compile_defined_check(c, t->a);
      emit_jump(c, BIN_branchunless, lnil);
    } else if (t->a->kind == N_CALL && !t->a->a) {
      emit0(c, BIN_putself, 1);
      emit3(c, BIN_defined, 0, DEF_FUNC, ID2SYM(intern(c, t->a->str)), Qtrue);
      emit_jump(c, BIN_branchunless, lnil);
    }
    compile(c, t->a, true);
    emit3(c, BIN_defined, 0, DEF_METHOD, ID2SYM(intern(c, t->str)), str);
    emit_jump(c, BIN_jump, lend);
    set_label(c, lnil);
    emit0(c, BIN_putnil, 1);
    set_label(c, lend);
    return;
  }
  default: break;
  }
  str = frozen_str(c, s, strlen(s));
  emit_putobject(c, str);
}

/* ---- calls ----------------------------------------------------------------------------- */
static Insn opt_insn(const char *name, int argc) {
  if (argc == 1) {
    static const struct { const char *n; Insn op; } t1[] = {
      {"+", BIN_opt_plus}, {"-", BIN_opt_minus}, {"*", BIN_opt_mult}, {"/", BIN_opt_div},
      {"%", BIN_opt_mod}, {"==", BIN_opt_eq}, {"!=", BIN_opt_neq}, {"<", BIN_opt_lt},
      {"<=", BIN_opt_le}, {">", BIN_opt_gt}, {">=", BIN_opt_ge}, {"<<", BIN_opt_ltlt},
      {"&", BIN_opt_and}, {"|", BIN_opt_or}, {"[]", BIN_opt_aref}};
    for (size_t i = 0; i < sizeof t1 / sizeof t1[0]; i++)
      if (strcmp(name, t1[i].n) == 0) return t1[i].op;
  } else if (argc == 0) {
    static const struct { const char *n; Insn op; } t0[] = {
      {"length", BIN_opt_length}, {"size", BIN_opt_size}, {"empty?", BIN_opt_empty_p},
      {"succ", BIN_opt_succ}, {"!", BIN_opt_not}, {"nil?", BIN_opt_nil_p}};
    for (size_t i = 0; i < sizeof t0 / sizeof t0[0]; i++)
      if (strcmp(name, t0[i].n) == 0) return t0[i].op;
  } else if (argc == 2 && strcmp(name, "[]=") == 0) {
    return BIN_opt_aset;
  }
  return BIN_nop;
}

/* recv arg -> recv.op(arg), through the opt_ instruction when there is one. */
static void emit_binop(Compiler *c, const char *op) {
  Insn insn = opt_insn(op, 1);
  ID mid = intern(c, op);
  if (insn != BIN_nop) emit1(c, insn, -1, (VALUE)new_ci(c, mid, 1, 0));
  else emit_send(c, mid, 1, 0, NULL);
}

static void compile_block_send(Compiler *c, ID mid, int argc, uint32_t flag, Node *block) {
  Iseq *bi = compile_child(c, block->a, block->params, ISEQ_BLOCK, NULL, block, 0);
  int lstart = new_label(c), lend = new_label(c);
  set_label(c, lstart);
  emit_send(c, mid, argc, flag, bi);
  set_label(c, lend);
  add_catch(c, CATCH_BREAK, lstart, lend, lend, c->depth - 1);
}

static void compile_call(Compiler *c, Node *n, bool used) {
  int lnil = -1;
  uint32_t flag = 0;
  if (n->a) {
    compile(c, n->a, true);
    if (n->a->kind == N_SELF) flag |= CI_SELF_RECV;
    if (n->flags & NF_SAFE_NAV) {
      lnil = new_label(c);
      emit0(c, BIN_dup, 1);
      emit_jump(c, BIN_branchnil, lnil);
    }
  } else {
    emit0(c, BIN_putself, 1);
    flag |= CI_FCALL;
    if (n->flags & NF_VCALL) flag |= CI_VCALL;
  }
  int argc = compile_args(c, n->list, n->nlist, &flag);
  ID mid = intern(c, n->str);
  if (n->b) {
    compile_block_send(c, mid, argc, flag, n->b);
  } else {
    Insn op = (n->a && !(flag & (CI_ARGS_SPLAT | CI_ARGS_BLOCKARG | CI_KW_SPLAT)))
                  ? opt_insn(n->str, argc) : BIN_nop;
    if (op == BIN_nop && !n->a && argc == 0 && strcmp(n->str, "!") == 0) op = BIN_nop;
    if (op != BIN_nop) emit1(c, op, -argc, (VALUE)new_ci(c, mid, argc, flag));
    else emit_send(c, mid, argc, flag, NULL);
  }
  if (lnil >= 0) set_label(c, lnil);
  if (!used) emit0(c, BIN_pop, -1);
}

/* pushes the current method's arguments for a bare `super` */
static int compile_zsuper_args(Compiler *c, uint32_t *flag) {
  /* find the method scope */
  Compiler *m = c;
  int level = 0;
  while (m->parent) { m = m->parent; level++; }
  Iseq *mi = m->iseq;
  if (mi->type != ISEQ_METHOD) return -1;
  IseqParams *p = &mi->param;
  int argc = 0;
  int i = 0;
  for (; i < p->lead_num + p->opt_num; i++) { emit2(c, BIN_getlocal, 1, i, level); argc++; }
  if (p->rest_start >= 0 || p->post_num > 0) {
    emit1(c, BIN_newarray, 1 - argc, argc);
    if (p->rest_start >= 0) {
      emit2(c, BIN_getlocal, 1, p->rest_start, level);
      emit1(c, BIN_splatarray, 0, 0);
      emit0(c, BIN_concatarray, -1);
    }
    for (int k = 0; k < p->post_num; k++) emit2(c, BIN_getlocal, 1, p->post_start + k, level);
    if (p->post_num) { emit1(c, BIN_newarray, 1 - p->post_num, p->post_num); emit0(c, BIN_concatarray, -1); }
    *flag |= CI_ARGS_SPLAT;
    argc = 1;
  }
  if (p->kw_num > 0 || p->kwrest_start >= 0) {
    int nk = 0;
    for (int k = 0; k < p->kw_num; k++) {
      emit_putobject(c, ID2SYM(p->kw_names[k]));
      emit2(c, BIN_getlocal, 1, p->kw_start + k, level);
      nk += 2;
    }
    emit1(c, BIN_newhash, 1 - nk, nk);
    if (p->kwrest_start >= 0) {
      emit1(c, BIN_putspecialobject, 1, 1);
      emit0(c, BIN_swap, 0);
      emit2(c, BIN_getlocal, 1, p->kwrest_start, level);
      emit_send(c, intern(c, "core#hash_merge_kwd"), 2, 0, NULL);
    }
    *flag |= CI_KW_SPLAT;
    argc++;
  }
  return argc;
}

static void compile_super(Compiler *c, Node *n, bool used) {
  emit0(c, BIN_putself, 1);
  uint32_t flag = CI_FCALL;
  int argc;
  if (n->kind == N_ZSUPER) {
    argc = compile_zsuper_args(c, &flag);
    if (argc < 0) { argc = 0; }
    flag |= CI_ZSUPER;
  } else {
    argc = compile_args(c, n->list, n->nlist, &flag);
  }
  CallInfo *ci = new_ci(c, 0, argc, flag);
  Iseq *bi = NULL;
  if (n->b) bi = compile_child(c, n->b->a, n->b->params, ISEQ_BLOCK, NULL, n->b, 0);
  int lstart = new_label(c), lend = new_label(c);
  set_label(c, lstart);
  emit2(c, BIN_invokesuper, -argc - ((flag & CI_ARGS_BLOCKARG) ? 1 : 0), (VALUE)ci, (VALUE)bi);
  set_label(c, lend);
  if (bi) add_catch(c, CATCH_BREAK, lstart, lend, lend, c->depth - 1);
  if (!used) emit0(c, BIN_pop, -1);
}

/* ---- control flow helpers ---------------------------------------------------------------- */
static bool in_block(Compiler *c) { return c->iseq->type == ISEQ_BLOCK; }

/* inline the ensure bodies between here and `stop` (exclusive) */
static void inline_ensures(Compiler *c, EnsureCtx *stop) {
  EnsureCtx *saved = c->ensure;
  for (EnsureCtx *e = c->ensure; e && e != stop; e = e->prev) {
    c->ensure = e->prev;
    int hs = new_label(c), he = new_label(c);
    set_label(c, hs);
    compile(c, e->body, false);
    set_label(c, he);
    /* this body, once running, is outside e and every ensure inside e */
    for (EnsureCtx *x = saved; x; x = x->prev) {
      if (x->nholes + 2 > x->holes_capa) {
        x->holes_capa = x->holes_capa ? x->holes_capa * 2 : 8;
        x->holes = kn_xrealloc(x->holes, sizeof(int) * (size_t)x->holes_capa);
      }
      x->holes[x->nholes++] = hs;
      x->holes[x->nholes++] = he;
      if (x == e) break;
    }
  }
  c->ensure = saved;
}

/* A jump out of rescue clauses (break, next, redo, return) leaves $! as it was before the
 * outermost clause it leaves, down to `stop` (a clause outside the jump's target). */
static void restore_errinfo(Compiler *c, RescueCtx *stop) {
  RescueCtx *outer = NULL;
  for (RescueCtx *r = c->rescue; r && r != stop; r = r->prev) outer = r;
  if (!outer) return;
  emit2(c, BIN_getlocal, 1, outer->saved_errinfo, 0);
  emit1(c, BIN_setglobal, -1, intern(c, "$!"));
}

static void compile_break_next(Compiler *c, Node *n, bool is_break) {
  LoopCtx *l = c->loop;
  if (l && l->kind == 0) {
    int d0 = c->depth;
    if (n->a) compile(c, n->a, true); else emit0(c, BIN_putnil, 1);
    restore_errinfo(c, l->rescue);
    inline_ensures(c, l->ensure);
    int extra = c->depth - 1 - l->depth;
    if (is_break) {
      if (extra > 0) { emit1(c, BIN_setn, 0, extra); emit1(c, BIN_adjuststack, -extra, extra); }
      emit_jump(c, BIN_jump, l->break_label);
    } else {
      emit0(c, BIN_pop, -1);
      if (extra > 0) emit1(c, BIN_adjuststack, -extra, extra);
      emit_jump(c, BIN_jump, l->next_label);
    }
    c->depth = d0 + 1;  /* unreachable from here; keep the expression's shape */
    return;
  }
  if (in_block(c) || c->iseq->type == ISEQ_EVAL) {
    if (n->a) compile(c, n->a, true); else emit0(c, BIN_putnil, 1);
    restore_errinfo(c, NULL);
    if (is_break) {
      emit1(c, BIN_throw, -1, KN_TAG_BREAK);
    } else {
      inline_ensures(c, NULL);
      emit0(c, BIN_leave, -1);
    }
    emit0(c, BIN_putnil, 1);  /* unreachable; keeps the depth consistent */
    return;
  }
  error(c, n->line, is_break ? "Invalid break" : "Invalid next");
  emit0(c, BIN_putnil, 1);
}

/* redo: runs the ensure clauses it leaves (as next does), drops what the loop body has
 * on the stack, and jumps to the start of the body (a while body, else the block's). */
static void compile_redo(Compiler *c, Node *n, bool used) {
  int d0 = c->depth;
  if (c->loop && c->loop->kind == 0) {
    restore_errinfo(c, c->loop->rescue);
    inline_ensures(c, c->loop->ensure);
    int extra = c->depth - c->loop->depth;
    if (extra > 0) emit1(c, BIN_adjuststack, -extra, extra);
    emit_jump(c, BIN_jump, c->loop->redo_label);
  } else if (c->block_redo) {
    restore_errinfo(c, NULL);
    inline_ensures(c, NULL);
    int extra = c->depth;  /* a block body starts on an empty stack */
    if (extra > 0) emit1(c, BIN_adjuststack, -extra, extra);
    emit_jump(c, BIN_jump, c->block_redo - 1);
  } else {
    error(c, n->line, "Invalid redo");
  }
  c->depth = d0;  /* unreachable from here; keep the expression's shape */
  if (used) emit0(c, BIN_putnil, 1);
}

static void compile_return(Compiler *c, Node *n) {
  if (c->iseq->type == ISEQ_CLASS) { error(c, n->line, "Invalid return in class/module body"); }
  if (n->a) compile(c, n->a, true); else emit0(c, BIN_putnil, 1);
  restore_errinfo(c, NULL);
  if (in_block(c) || c->iseq->type == ISEQ_EVAL) {
    emit1(c, BIN_throw, -1, KN_TAG_RETURN);
  } else {
    inline_ensures(c, NULL);
    emit0(c, BIN_leave, -1);
  }
  emit0(c, BIN_putnil, 1);
}

static void compile_while(Compiler *c, Node *n, bool used) {
  bool until = n->kind == N_UNTIL;
  LoopCtx l = {c->loop, 0, new_label(c), new_label(c), new_label(c), c->depth, c->ensure, c->rescue};
  int lcond = l.next_label;
  c->loop = &l;
  if (!(n->flags & NF_DO_WHILE)) emit_jump(c, BIN_jump, lcond);
  set_label(c, l.redo_label);
  if (n->b) compile(c, n->b, false);
  set_label(c, lcond);
  compile(c, n->a, true);
  emit_jump(c, until ? BIN_branchunless : BIN_branchif, l.redo_label);
  emit0(c, BIN_putnil, 1);
  set_label(c, l.break_label);
  c->loop = l.prev;
  if (!used) emit0(c, BIN_pop, -1);
}

static void compile_if(Compiler *c, Node *n, bool used) {
  int lelse = new_label(c), lend = new_label(c);
  Node *cond = n->a;
  Insn br = BIN_branchunless;
  if (cond->kind == N_NOT) { cond = cond->a; br = BIN_branchif; }
  compile(c, cond, true);
  emit_jump(c, br, lelse);
  if (n->b) compile(c, n->b, used); else if (used) emit0(c, BIN_putnil, 1);
  emit_jump(c, BIN_jump, lend);
  set_label(c, lelse);
  if (n->c) compile(c, n->c, used); else if (used) emit0(c, BIN_putnil, 1);
  set_label(c, lend);
}

/* ---- pattern matching ------------------------------------------------------------------ */
/* compile_pattern: tests the value in local `val` against pat, binding variables; jumps to
 * lfail on mismatch. The stack depth is the same before, after and at lfail. */
static void getl(Compiler *c, int idx) { emit2(c, BIN_getlocal, 1, idx, 0); }
static void setl(Compiler *c, int idx) { emit2(c, BIN_setlocal, -1, idx, 0); }
static void set_named(Compiler *c, const char *name) {
  int level, idx = local_for_write(c, name, &level);
  emit2(c, BIN_setlocal, -1, idx, level);
}
static void send0(Compiler *c, const char *m) { emit_send(c, intern(c, m), 0, 0, NULL); }
static void send1(Compiler *c, const char *m) { emit_binop(c, m); }
static void putint(Compiler *c, long i) { emit_putobject(c, INT2FIX(i)); }

static void compile_pattern(Compiler *c, Node *pat, int val, int lfail);

/* Checks `konst === val` (Const(...) patterns) and val.respond_to?(m). */
static void pattern_prelude(Compiler *c, Node *konst, int val, const char *m, int lfail) {
  if (konst) {
    compile(c, konst, true);
    getl(c, val);
    send1(c, "===");
    emit_jump(c, BIN_branchunless, lfail);
  }
  getl(c, val);
  emit_putobject(c, ID2SYM(intern(c, m)));
  emit_send(c, intern(c, "respond_to?"), 1, 0, NULL);
  emit_jump(c, BIN_branchunless, lfail);
}

/* local e = d[index] (index relative to local `base` + k when base >= 0) */
static int elem_at(Compiler *c, int d, int base, long k) {
  int e = hidden_local(c);
  getl(c, d);
  if (base >= 0) {
    getl(c, base);
    putint(c, k);
    send1(c, "+");
  } else {
    putint(c, k);
  }
  send1(c, "[]");
  setl(c, e);
  return e;
}

static void bind_slice(Compiler *c, const char *name, int d, int from_local, long from, int len_mode, long sub) {
  /* name = d[from.., length: (d.length - sub) or i] */
  if (!name) return;
  getl(c, d);
  if (from_local >= 0) { getl(c, from_local); if (from) { putint(c, from); send1(c, "+"); } }
  else putint(c, from);
  if (len_mode == 0) {            /* length = d.length - sub */
    getl(c, d);
    send0(c, "length");
    putint(c, sub);
    send1(c, "-");
  } else {                        /* length = local len_mode - 1 */
    getl(c, len_mode - 1);
  }
  emit_send(c, intern(c, "[]"), 2, 0, NULL);
  set_named(c, name);
}

static void compile_parray(Compiler *c, Node *pat, int val, int lfail) {
  pattern_prelude(c, pat->c, val, "deconstruct", lfail);
  int d = hidden_local(c);
  getl(c, val);
  send0(c, "deconstruct");
  setl(c, d);
  int nsplat = 0, split = -1;
  for (int i = 0; i < pat->nlist; i++)
    if (pat->list[i]->kind == N_PSPLAT) { if (split < 0) split = i; nsplat++; }
  long nfixed = pat->nlist - nsplat;
  if (nsplat == 2) {   /* find pattern [*pre, x, y, *post] */
    int i = hidden_local(c), lloop = new_label(c), lnextpos = new_label(c), lok = new_label(c);
    putint(c, 0);
    setl(c, i);
    set_label(c, lloop);
    getl(c, i);
    putint(c, nfixed);
    send1(c, "+");
    getl(c, d);
    send0(c, "length");
    send1(c, "<=");
    emit_jump(c, BIN_branchunless, lfail);
    for (int k = 1; k < pat->nlist - 1; k++)
      compile_pattern(c, pat->list[k], elem_at(c, d, i, k - 1), lnextpos);
    bind_slice(c, pat->list[0]->str, d, -1, 0, i + 1, 0);
    if (pat->list[pat->nlist - 1]->str) {
      getl(c, d);
      getl(c, i);
      putint(c, nfixed);
      send1(c, "+");
      getl(c, d);
      send0(c, "length");
      emit_send(c, intern(c, "[]"), 2, 0, NULL);
      set_named(c, pat->list[pat->nlist - 1]->str);
    }
    emit_jump(c, BIN_jump, lok);
    set_label(c, lnextpos);
    getl(c, i);
    putint(c, 1);
    send1(c, "+");
    setl(c, i);
    emit_jump(c, BIN_jump, lloop);
    set_label(c, lok);
    return;
  }
  getl(c, d);
  send0(c, "length");
  putint(c, nfixed);
  send1(c, nsplat ? ">=" : "==");
  emit_jump(c, BIN_branchunless, lfail);
  int npre = nsplat ? split : pat->nlist;
  for (int k = 0; k < npre; k++) compile_pattern(c, pat->list[k], elem_at(c, d, -1, k), lfail);
  if (nsplat) {
    long npost = pat->nlist - split - 1;
    bind_slice(c, pat->list[split]->str, d, -1, npre, 0, nfixed);
    for (long k = 0; k < npost; k++)
      compile_pattern(c, pat->list[split + 1 + k], elem_at(c, d, -1, k - npost), lfail);
  }
}

static void compile_phash(Compiler *c, Node *pat, int val, int lfail) {
  pattern_prelude(c, pat->c, val, "deconstruct_keys", lfail);
  int h = hidden_local(c);
  getl(c, val);
  if (pat->a && pat->a->str) {
    emit0(c, BIN_putnil, 1);
  } else {
    for (int k = 0; k < pat->nlist; k++) compile(c, pat->list[k]->a, true);
    emit1(c, BIN_newarray, 1 - pat->nlist, pat->nlist);
  }
  emit_send(c, intern(c, "deconstruct_keys"), 1, 0, NULL);
  setl(c, h);
  emit_putobject(c, c->vm->cHash);
  getl(c, h);
  send1(c, "===");
  emit_jump(c, BIN_branchunless, lfail);
  if (pat->nlist == 0 && !pat->a) {   /* `in {}` matches only an empty hash */
    getl(c, h);
    send0(c, "empty?");
    emit_jump(c, BIN_branchunless, lfail);
  }
  for (int k = 0; k < pat->nlist; k++) {
    Node *pr = pat->list[k];
    getl(c, h);
    compile(c, pr->a, true);
    send1(c, "key?");
    emit_jump(c, BIN_branchunless, lfail);
    int e = hidden_local(c);
    getl(c, h);
    compile(c, pr->a, true);
    send1(c, "[]");
    setl(c, e);
    if (pr->b) {
      compile_pattern(c, pr->b, e, lfail);
    } else {
      getl(c, e);
      set_named(c, pr->a->str);
    }
  }
  if (pat->flags & NF_NIL_REST) {
    getl(c, h);
    send0(c, "size");
    putint(c, pat->nlist);
    send1(c, "==");
    emit_jump(c, BIN_branchunless, lfail);
  }
  if (pat->a && pat->a->str) {
    int r = hidden_local(c);
    getl(c, h);
    send0(c, "dup");
    setl(c, r);
    for (int k = 0; k < pat->nlist; k++) {
      getl(c, r);
      compile(c, pat->list[k]->a, true);
      send1(c, "delete");
      emit0(c, BIN_pop, -1);
    }
    getl(c, r);
    set_named(c, pat->a->str);
  }
}

static void compile_pattern(Compiler *c, Node *pat, int val, int lfail) {
  switch (pat->kind) {
  case N_PVALUE:
    compile(c, pat->a, true);
    getl(c, val);
    send1(c, "===");
    emit_jump(c, BIN_branchunless, lfail);
    break;
  case N_PBIND:
    getl(c, val);
    set_named(c, pat->str);
    break;
  case N_PALT: {
    int lnext = new_label(c), lok = new_label(c);
    compile_pattern(c, pat->a, val, lnext);
    emit_jump(c, BIN_jump, lok);
    set_label(c, lnext);
    compile_pattern(c, pat->b, val, lfail);
    set_label(c, lok);
    break;
  }
  case N_PCAPTURE:
    compile_pattern(c, pat->a, val, lfail);
    getl(c, val);
    set_named(c, pat->str);
    break;
  case N_PARRAY: compile_parray(c, pat, val, lfail); break;
  case N_PHASH: compile_phash(c, pat, val, lfail); break;
  default:
    error(c, pat->line, "unexpected node in pattern");
  }
}

/* raise NoMatchingPatternError, val.inspect (leaves one value for the stack's sake) */
static void raise_no_match(Compiler *c, int val) {
  emit0(c, BIN_putself, 1);
  emit_putobject(c, c->vm->eNoMatchingPatternError);
  getl(c, val);
  send0(c, "inspect");
  emit_send(c, intern(c, "raise"), 2, CI_FCALL, NULL);
}

static void compile_case_in(Compiler *c, Node *n, bool used) {
  int val = hidden_local(c), lend = new_label(c);
  compile(c, n->a, true);
  setl(c, val);
  for (int i = 0; i < n->nlist; i++) {
    Node *in = n->list[i];
    int lnext = new_label(c);
    compile_pattern(c, in->a, val, lnext);
    if (in->c) {
      compile(c, in->c, true);
      emit_jump(c, (in->flags & NF_UNLESS) ? BIN_branchif : BIN_branchunless, lnext);
    }
    if (in->b) compile(c, in->b, used);
    else if (used) emit0(c, BIN_putnil, 1);
    emit_jump(c, BIN_jump, lend);
    set_label(c, lnext);
  }
  if (n->c) {
    compile(c, n->c, used);
  } else {
    raise_no_match(c, val);
    if (!used) emit0(c, BIN_pop, -1);
  }
  set_label(c, lend);
}

static void compile_match_p(Compiler *c, Node *n, bool used) {
  int val = hidden_local(c), lfail = new_label(c), lend = new_label(c);
  compile(c, n->a, true);
  setl(c, val);
  compile_pattern(c, n->b, val, lfail);
  if (used) {
    if (n->flags & NF_RAISE) emit0(c, BIN_putnil, 1);
    else emit_putobject(c, Qtrue);
  }
  emit_jump(c, BIN_jump, lend);
  set_label(c, lfail);
  if (n->flags & NF_RAISE) {
    raise_no_match(c, val);
    if (!used) emit0(c, BIN_pop, -1);
  } else if (used) {
    emit_putobject(c, Qfalse);
  }
  set_label(c, lend);
}

static void compile_case(Compiler *c, Node *n, bool used) {
  int lend = new_label(c);
  if (n->a) {
    compile(c, n->a, true);
    for (int i = 0; i < n->nlist; i++) {
      Node *w = n->list[i];
      int lbody = new_label(c), lnext = new_label(c);
      for (int k = 0; k < w->nlist; k++) {
        Node *v = w->list[k];
        emit0(c, BIN_dup, 1);
        if (v->kind == N_SPLAT) {
          compile(c, v->a, true);
          emit1(c, BIN_splatarray, 0, 0);
          emit1(c, BIN_checkmatch, -1, 4 | 2);
        } else {
          compile(c, v, true);
          emit1(c, BIN_checkmatch, -1, 2);
        }
        emit_jump(c, BIN_branchif, lbody);
      }
      emit_jump(c, BIN_jump, lnext);
      set_label(c, lbody);
      emit0(c, BIN_pop, -1);
      if (w->b) compile(c, w->b, used); else if (used) emit0(c, BIN_putnil, 1);
      emit_jump(c, BIN_jump, lend);
      set_label(c, lnext);
    }
    emit0(c, BIN_pop, -1);
  } else {
    for (int i = 0; i < n->nlist; i++) {
      Node *w = n->list[i];
      int lbody = new_label(c), lnext = new_label(c);
      for (int k = 0; k < w->nlist; k++) {
        Node *v = w->list[k];
        if (v->kind == N_SPLAT) {
          /* any element truthy */
          emit1(c, BIN_putspecialobject, 1, 1);
          compile(c, v->a, true);
          emit_send(c, intern(c, "core#any_truthy"), 1, 0, NULL);
        } else {
          compile(c, v, true);
        }
        emit_jump(c, BIN_branchif, lbody);
      }
      emit_jump(c, BIN_jump, lnext);
      set_label(c, lbody);
      if (w->b) compile(c, w->b, used); else if (used) emit0(c, BIN_putnil, 1);
      emit_jump(c, BIN_jump, lend);
      set_label(c, lnext);
    }
  }
  if (n->c) compile(c, n->c, used); else if (used) emit0(c, BIN_putnil, 1);
  set_label(c, lend);
}

static void compile_rescue_part(Compiler *c, Node *n, bool used) {
  /* begin body rescue ... else ... (no ensure) */
  int d = c->depth;
  int lstart = new_label(c), lbody_end = new_label(c), lhandler = new_label(c), lcont = new_label(c);
  /* $! when the begin starts is what it must be again after a handler completes */
  ID errinfo_id = intern(c, "$!");
  int saved_errinfo = hidden_local(c);
  emit1(c, BIN_getglobal, 1, errinfo_id);
  emit2(c, BIN_setlocal, -1, saved_errinfo, 0);
  set_label(c, lstart);
  RescueCtx rc = {c->rescue, lstart, d, saved_errinfo};
  if (n->a) compile(c, n->a, true); else emit0(c, BIN_putnil, 1);
  set_label(c, lbody_end);
  if (n->c) { emit0(c, BIN_pop, -1); compile(c, n->c, true); }
  emit_jump(c, BIN_jump, lcont);
  /* handler: exception pushed at depth d */
  c->depth = d;
  set_label(c, lhandler);
  c->depth = d + 1;
  if (c->depth > c->max_depth) c->max_depth = c->depth;
  int err = hidden_local(c);
  emit2(c, BIN_setlocal, -1, err, 0);
  RescueCtx *saved_rescue = c->rescue;
  c->rescue = &rc;
  bool saved_in = c->in_rescue_handler;
  c->in_rescue_handler = true;
  for (int i = 0; i < n->nlist; i++) {
    Node *r = n->list[i];
    int lmatch = new_label(c), lnext = new_label(c);
    if (r->nlist == 0) {
      emit2(c, BIN_getlocal, 1, err, 0);
      emit_putobject(c, c->vm->eStandardError);
      emit1(c, BIN_checkmatch, -1, 3);
      emit_jump(c, BIN_branchif, lmatch);
    } else {
      for (int k = 0; k < r->nlist; k++) {
        emit2(c, BIN_getlocal, 1, err, 0);
        if (r->list[k]->kind == N_SPLAT) {
          compile(c, r->list[k]->a, true);
          emit1(c, BIN_splatarray, 0, 0);
          emit1(c, BIN_checkmatch, -1, 4 | 3);
        } else {
          compile(c, r->list[k], true);
          emit1(c, BIN_checkmatch, -1, 3);
        }
        emit_jump(c, BIN_branchif, lmatch);
      }
    }
    emit_jump(c, BIN_jump, lnext);
    set_label(c, lmatch);
    if (r->c) { emit2(c, BIN_getlocal, 1, err, 0); assign_top(c, r->c); }
    if (r->b) compile(c, r->b, true); else emit0(c, BIN_putnil, 1);
    emit2(c, BIN_getlocal, 1, saved_errinfo, 0);
    emit1(c, BIN_setglobal, -1, errinfo_id);
    emit_jump(c, BIN_jump, lcont);
    c->depth = d;
    set_label(c, lnext);
  }
  emit2(c, BIN_getlocal, 1, err, 0);
  emit1(c, BIN_throw, -1, 0);
  c->rescue = saved_rescue;
  c->in_rescue_handler = saved_in;
  c->depth = d;
  set_label(c, lcont);
  c->depth = d + 1;
  add_catch(c, CATCH_RESCUE, lstart, lbody_end, lhandler, d);
  if (!used) emit0(c, BIN_pop, -1);
}

static void compile_begin(Compiler *c, Node *n, bool used) {
  if (!n->b) {
    if (n->nlist == 0) {
      if (n->a) compile(c, n->a, true); else emit0(c, BIN_putnil, 1);
      if (n->c) { emit0(c, BIN_pop, -1); compile(c, n->c, true); }
      if (!used) emit0(c, BIN_pop, -1);
      return;
    }
    compile_rescue_part(c, n, used);
    return;
  }
  /* with ensure */
  int d = c->depth;
  int lstart = new_label(c), lend = new_label(c), lhandler = new_label(c), lout = new_label(c);
  EnsureCtx ec = {c->ensure, n->b, NULL, 0, 0};
  set_label(c, lstart);
  c->ensure = &ec;
  Node inner = *n;
  inner.b = NULL;
  compile_begin(c, &inner, true);
  c->ensure = ec.prev;
  set_label(c, lend);
  compile(c, n->b, false);
  emit_jump(c, BIN_jump, lout);
  c->depth = d;
  set_label(c, lhandler);
  c->depth = d + 1;
  if (c->depth > c->max_depth) c->max_depth = c->depth;
  int tmp = hidden_local(c);
  emit2(c, BIN_setlocal, -1, tmp, 0);
  compile(c, n->b, false);
  emit2(c, BIN_getlocal, 1, tmp, 0);
  emit1(c, BIN_throw, -1, 0);
  c->depth = d;
  set_label(c, lout);
  c->depth = d + 1;
  /* the protected range, minus the inlined ensure bodies (in code order) */
  int from = lstart;
  for (int i = 0; i < ec.nholes; i += 2) {
    add_catch(c, CATCH_ENSURE, from, ec.holes[i], lhandler, d);
    from = ec.holes[i + 1];
  }
  add_catch(c, CATCH_ENSURE, from, lend, lhandler, d);
  free(ec.holes);
  if (!used) emit0(c, BIN_pop, -1);
}

/* for-loop variables belong to the enclosing scope: declare them there first */
static void declare_targets(Compiler *c, Node *t) {
  int level;
  if (!t) return;
  if (t->kind == N_LASGN || t->kind == N_LVAR) local_for_write(c, t->str, &level);
  else if (t->kind == N_MLHS) for (int i = 0; i < t->nlist; i++) declare_targets(c, t->list[i]);
  else if (t->kind == N_SPLAT) declare_targets(c, t->a);
}

/* Declares in c every local first assigned in n outside nested scopes (blocks, defs,
 * classes): the body of a for loop shares the enclosing scope. */
static void declare_body_locals(Compiler *c, Node *n) {
  if (!n) return;
  switch (n->kind) {
  case N_BLOCK: case N_LAMBDA: case N_DEF: case N_SDEF: case N_CLASS: case N_MODULE:
  case N_SCLASS:
    return;
  case N_LASGN: {
    int level;
    local_for_write(c, n->str, &level);
    break;
  }
  case N_OP_ASGN:
    if (n->a && n->a->kind == N_LVAR) {
      int level;
      local_for_write(c, n->a->str, &level);
    }
    break;
  default:
    break;
  }
  declare_body_locals(c, n->a);
  declare_body_locals(c, n->b);
  declare_body_locals(c, n->c);
  for (int i = 0; i < n->nlist; i++) declare_body_locals(c, n->list[i]);
}

static void compile_for(Compiler *c, Node *n, bool used) {
  /* for x in e; body; end  =>  e.each { |tmp| x = tmp; body }  (x in the outer scope) */
  declare_targets(c, n->c);
  declare_body_locals(c, n->b);
  compile(c, n->a, true);
  Node blk = {0};
  blk.kind = N_BLOCK;
  blk.line = n->line;
  Params p = {0};
  blk.params = &p;
  blk.a = n->b;
  blk.c = n->c;          /* the target: compile_child assigns the hidden param to it */
  blk.aux = -1;          /* marks a for-loop block */
  compile_block_send(c, intern(c, "each"), 0, 0, &blk);
  if (!used) emit0(c, BIN_pop, -1);
}

static void compile_class(Compiler *c, Node *n, bool used) {
  int flags;
  ID name;
  const char *cname;
  if (n->kind == N_SCLASS) {
    compile(c, n->c, true);
    emit0(c, BIN_putnil, 1);
    flags = 1;
    name = intern(c, "singleton class");
    cname = "singleton class";
  } else {
    Node *p = n->b;
    if (p->kind == N_COLON2) compile(c, p->a, true);
    else if (p->kind == N_COLON3) emit_putobject(c, c->vm->cObject);
    else emit1(c, BIN_putspecialobject, 1, 3);
    if (n->kind == N_CLASS && n->c) { compile(c, n->c, true); flags = 8; }
    else { emit0(c, BIN_putnil, 1); flags = 0; }
    if (n->kind == N_MODULE) flags |= 2;
    name = intern(c, p->str);
    cname = p->str;
  }
  char buf[512];
  snprintf(buf, sizeof buf, n->kind == N_SCLASS ? "singleton class" : n->kind == N_MODULE ? "<module:%s>" : "<class:%s>", cname);
  Iseq *body = compile_child(c, n->a, NULL, ISEQ_CLASS, buf, NULL, 0);
  emit3(c, BIN_defineclass, -1, name, (VALUE)body, flags);
  if (!used) emit0(c, BIN_pop, -1);
}

static void compile_str_parts(Compiler *c, Node **parts, int n) {
  int cnt = 0;
  for (int i = 0; i < n; i++) {
    Node *p = parts[i];
    if (p->kind == N_STR) {
      if (p->len == 0 && n > 1) continue;
      emit_putobject(c, frozen_str(c, p->str, p->len));
    } else if (p->kind == N_EVSTR) {
      if (p->a) compile(c, p->a, true); else emit0(c, BIN_putnil, 1);
      emit1(c, BIN_objtostring, 0, (VALUE)new_ci(c, intern(c, "to_s"), 0, CI_FCALL));
    } else {
      compile(c, p, true);
      emit1(c, BIN_objtostring, 0, (VALUE)new_ci(c, intern(c, "to_s"), 0, CI_FCALL));
    }
    cnt++;
  }
  if (cnt == 0) { emit1(c, BIN_putstring, 1, frozen_str(c, "", 0)); return; }
  emit1(c, BIN_concatstrings, 1 - cnt, cnt);
}

/* ---- the main switch ------------------------------------------------------------------ */
static void compile(Compiler *c, Node *n, bool used) {
  if (!n) { if (used) emit0(c, BIN_putnil, 1); return; }
  int saved_line = c->line;
  c->line = n->line;
  int level, idx;
  switch (n->kind) {
  case N_SEQ:
    if (n->nlist == 0) { if (used) emit0(c, BIN_putnil, 1); break; }
    for (int i = 0; i < n->nlist; i++) compile(c, n->list[i], i == n->nlist - 1 ? used : false);
    break;
  case N_INT: case N_FLOAT: case N_RATIONAL: case N_IMAGINARY: case N_SYM:
    if (used) emit_putobject(c, static_value(c, n));
    break;
  case N_NIL: if (used) emit0(c, BIN_putnil, 1); break;
  case N_TRUE: if (used) emit_putobject(c, Qtrue); break;
  case N_FALSE: if (used) emit_putobject(c, Qfalse); break;
  case N_SELF: if (used) emit0(c, BIN_putself, 1); break;
  case N_STR:
    if (used && c->frozen_literals) emit_putobject(c, frozen_str(c, n->str, n->len));
    else if (used) emit1(c, BIN_putstring, 1, frozen_str(c, n->str, n->len));
    break;
  case N_DSTR:
    compile_str_parts(c, n->list, n->nlist);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_EVSTR:
    compile_str_parts(c, &n, 1);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_XSTR:
    emit0(c, BIN_putself, 1);
    emit1(c, BIN_putstring, 1, frozen_str(c, n->str, n->len));
    emit_send(c, intern(c, "`"), 1, CI_FCALL, NULL);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_DSYM:
    compile_str_parts(c, n->list, n->nlist);
    emit0(c, BIN_intern, 0);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_REGEX: case N_DREGEX:
    if (n->kind == N_REGEX) {
      /* a literal regexp is compiled once, here */
      VALUE re = kn_vm_toregexp(c->vm, frozen_str(c, n->str, n->len), n->aux);
      if (used) emit_putobject(c, re);
      break;
    }
    compile_str_parts(c, n->list, n->nlist);
    emit2(c, BIN_toregexp, 0, n->aux, 1);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_ARRAY: {
    bool all_static = n->nlist > 0;
    for (int i = 0; i < n->nlist; i++) if (!static_literal(n->list[i])) { all_static = false; break; }
    if (all_static) {
      VALUE a = kn_ary_new_capa(c->vm, n->nlist);
      lit(c, a);
      for (int i = 0; i < n->nlist; i++) kn_ary_push(c->vm, a, static_value(c, n->list[i]));
      if (used) emit1(c, BIN_duparray, 1, a);
    } else if (has_splat(n->list, n->nlist)) {
      compile_array_with_splats(c, n->list, n->nlist);
      if (!used) emit0(c, BIN_pop, -1);
    } else {
      for (int i = 0; i < n->nlist; i++) compile(c, n->list[i], true);
      emit1(c, BIN_newarray, 1 - n->nlist, n->nlist);
      if (!used) emit0(c, BIN_pop, -1);
    }
    break;
  }
  case N_HASH:
    compile_hash(c, n);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_RANGE:
    if ((!n->a || n->a->kind == N_INT) && (!n->b || n->b->kind == N_INT) && (n->a || n->b)) {
      VALUE r = kn_range_new(c->vm, n->a ? int_literal(c, n->a) : Qnil,
                             n->b ? int_literal(c, n->b) : Qnil, n->flags & NF_EXCL);
      if (used) emit_putobject(c, r);
      break;
    }
    compile(c, n->a, true);
    compile(c, n->b, true);
    emit1(c, BIN_newrange, -1, (n->flags & NF_EXCL) ? 1 : 0);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_LVAR:
    idx = lookup_local(c, intern(c, n->str), &level);
    if (idx < 0) { idx = add_local(c, intern(c, n->str)); level = 0; }
    if (used) emit2(c, BIN_getlocal, 1, idx, level);
    break;
  case N_IVAR:
    if (used) emit2(c, BIN_getinstancevariable, 1, intern(c, n->str), (VALUE)kn_xcalloc(1, sizeof(IvarCache)));
    break;
  case N_GVAR:
    emit1(c, BIN_getglobal, 1, intern(c, n->str));
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_CVAR:
    emit1(c, BIN_getclassvariable, 1, intern(c, n->str));
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_NTH_REF:
    emit1(c, BIN_getspecial, 1, n->ival);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_CONST:
    emit0(c, BIN_putnil, 1);
    emit3(c, BIN_getconstant, 0, intern(c, n->str), 1, (VALUE)kn_xcalloc(1, sizeof(ConstCache)));
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_COLON2:
    compile(c, n->a, true);
    emit3(c, BIN_getconstant, 0, intern(c, n->str), 0, (VALUE)kn_xcalloc(1, sizeof(ConstCache)));
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_COLON3:
    emit_putobject(c, c->vm->cObject);
    emit3(c, BIN_getconstant, 0, intern(c, n->str), 0, (VALUE)kn_xcalloc(1, sizeof(ConstCache)));
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_LASGN: case N_IASGN: case N_GASGN: case N_CVASGN:
    if (n->kind == N_LASGN) {   /* the value may be a block that sees the variable */
      int lv;
      local_for_write(c, n->str, &lv);
    }
    compile(c, n->a, true);
    if (used) emit0(c, BIN_dup, 1);
    assign_top(c, n);
    break;
  case N_CDECL:
    compile(c, n->a, true);
    if (used) emit0(c, BIN_dup, 1);
    assign_top(c, n);
    break;
  case N_ATTRASGN: {
    if (used) emit0(c, BIN_putnil, 1);
    int lnil = -1;
    compile(c, n->a, true);
    if (n->flags & NF_SAFE_NAV) {
      lnil = new_label(c);
      emit0(c, BIN_dup, 1);
      emit_jump(c, BIN_branchnil, lnil);
    }
    uint32_t flag = (n->a->kind == N_SELF) ? CI_SELF_RECV | CI_FCALL : 0;
    int argc = compile_args(c, n->list, n->nlist, &flag);
    compile(c, n->b, true);
    if (used) emit1(c, BIN_setn, 0, argc + 2);
    if (flag & CI_ARGS_SPLAT) {
      emit1(c, BIN_newarray, 0, 1);
      emit0(c, BIN_concatarray, -1);
      emit_send(c, intern(c, n->str), 1, flag, NULL);
    } else if (argc == 1 && strcmp(n->str, "[]=") == 0 && !(flag & CI_KW_SPLAT)) {
      emit1(c, BIN_opt_aset, -2, (VALUE)new_ci(c, intern(c, "[]="), 2, flag));
    } else {
      emit_send(c, intern(c, n->str), argc + 1, flag, NULL);
    }
    emit0(c, BIN_pop, -1);
    if (lnil >= 0) {
      int lend = new_label(c);
      emit_jump(c, BIN_jump, lend);
      set_label(c, lnil);
      emit0(c, BIN_pop, -1);   /* the nil receiver */
      if (!used) { /* nothing */ }
      set_label(c, lend);
    }
    break;
  }
  case N_OP_ASGN: compile_op_asgn(c, n, used); break;
  case N_MASGN: compile_masgn(c, n, used); break;
  case N_CALL: compile_call(c, n, used); break;
  case N_SUPER: case N_ZSUPER: compile_super(c, n, used); break;
  case N_YIELD: {
    uint32_t flag = 0;
    int argc = compile_args(c, n->list, n->nlist, &flag);
    emit1(c, BIN_invokeblock, 1 - argc, (VALUE)new_ci(c, 0, argc, flag));
    if (!used) emit0(c, BIN_pop, -1);
    break;
  }
  case N_LAMBDA: {
    emit1(c, BIN_putspecialobject, 1, 1);
    Node *b = n->a;
    b->flags |= NF_LAMBDA;
    compile_block_send(c, intern(c, "lambda"), 0, CI_FCALL, b);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  }
  case N_SPLAT:
    compile(c, n->a, true);
    emit1(c, BIN_splatarray, 0, 1);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_AND: case N_OR: {
    int lend = new_label(c);
    compile(c, n->a, true);
    if (used) emit0(c, BIN_dup, 1);
    emit_jump(c, n->kind == N_AND ? BIN_branchunless : BIN_branchif, lend);
    if (used) emit0(c, BIN_pop, -1);
    compile(c, n->b, used);
    set_label(c, lend);
    break;
  }
  case N_NOT:
    compile(c, n->a, true);
    emit1(c, BIN_opt_not, 0, (VALUE)new_ci(c, intern(c, "!"), 0, 0));
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_DEFINED:
    compile_defined(c, n);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_IF: compile_if(c, n, used); break;
  case N_WHILE: case N_UNTIL: compile_while(c, n, used); break;
  case N_FOR: compile_for(c, n, used); break;
  case N_CASE: compile_case(c, n, used); break;
  case N_CASE_IN: compile_case_in(c, n, used); break;
  case N_MATCH_P: compile_match_p(c, n, used); break;
  case N_BREAK: compile_break_next(c, n, true); if (!used) emit0(c, BIN_pop, -1); break;
  case N_NEXT: compile_break_next(c, n, false); if (!used) emit0(c, BIN_pop, -1); break;
  case N_REDO: compile_redo(c, n, used); break;
  case N_RETRY:
    if (c->in_rescue_handler && c->rescue) {
      int extra = c->depth - c->rescue->depth;
      if (extra > 0) emit1(c, BIN_adjuststack, -extra, extra);
      emit_jump(c, BIN_jump, c->rescue->retry_label);
      c->depth += extra;
    } else error(c, n->line, "Invalid retry");
    if (used) emit0(c, BIN_putnil, 1);
    break;
  case N_RETURN: compile_return(c, n); if (!used) emit0(c, BIN_pop, -1); break;
  case N_BEGIN: compile_begin(c, n, used); break;
  case N_DEF: case N_SDEF: {
    Iseq *mi = compile_child(c, n->a, n->params, ISEQ_METHOD, n->str, NULL, intern(c, n->str));
    if (n->kind == N_DEF) emit2(c, BIN_definemethod, 0, intern(c, n->str), (VALUE)mi);
    else { compile(c, n->c, true); emit2(c, BIN_definesmethod, -1, intern(c, n->str), (VALUE)mi); }
    if (used) emit_putobject(c, ID2SYM(intern(c, n->str)));
    break;
  }
  case N_CLASS: case N_MODULE: case N_SCLASS: compile_class(c, n, used); break;
  case N_ALIAS:
    emit1(c, BIN_putspecialobject, 1, 1);
    emit1(c, BIN_putspecialobject, 1, 2);
    compile(c, n->a, true);
    compile(c, n->b, true);
    emit_send(c, intern(c, "core#set_method_alias"), 3, 0, NULL);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_VALIAS:
    emit1(c, BIN_putspecialobject, 1, 1);
    emit_putobject(c, ID2SYM(intern(c, n->str)));
    emit_putobject(c, ID2SYM(intern(c, n->str2)));
    emit_send(c, intern(c, "core#set_variable_alias"), 2, 0, NULL);
    if (!used) emit0(c, BIN_pop, -1);
    break;
  case N_UNDEF:
    for (int i = 0; i < n->nlist; i++) {
      emit1(c, BIN_putspecialobject, 1, 1);
      emit1(c, BIN_putspecialobject, 1, 2);
      compile(c, n->list[i], true);
      emit_send(c, intern(c, "core#undef_method"), 2, 0, NULL);
      if (i < n->nlist - 1 || !used) emit0(c, BIN_pop, -1);
    }
    break;
  case N_BLOCK_PASS: case N_DSPLAT: case N_PAIR: case N_WHEN: case N_RESBODY: case N_ARG:
  case N_OPTARG: case N_KWARG: case N_MLHS: case N_BLOCK:
  default:
    error(c, n->line, "unexpected node in expression");
    if (used) emit0(c, BIN_putnil, 1);
    break;
  }
  c->line = saved_line;
}

/* ---- iseq construction ------------------------------------------------------------------ */
/* Adds a local (in this iseq) for every parameter name inside a destructuring parameter. */
static void declare_mlhs_names(Compiler *c, Node *m) {
  for (int i = 0; i < m->nlist; i++) {
    Node *t = m->list[i];
    if (t->kind == N_MLHS) declare_mlhs_names(c, t);
    else if (t->kind == N_SPLAT && t->a) declare_mlhs_names(c, &(Node){.kind = N_MLHS, .list = &t->a, .nlist = 1});
    else if (t->kind == N_ARG && find_local_here(c, intern(c, t->str)) < 0) add_local(c, intern(c, t->str));
  }
}

static void setup_params(Compiler *c, Params *p, Node *block_node, Node ***mlhs_out, int **mlhs_idx, int *nmlhs) {
  Iseq *is = c->iseq;
  IseqParams *ip = &is->param;
  ip->rest_start = ip->post_start = ip->kwrest_start = ip->block_start = -1;
  *nmlhs = 0;
  if (!p) return;
  int total = p->nlead + p->npost;
  *mlhs_out = kn_xcalloc(total + 1, sizeof(Node *));
  *mlhs_idx = kn_xcalloc(total + 1, sizeof(int));
  for (int i = 0; i < p->nlead; i++) {
    Node *a = p->lead[i];
    if (a->kind == N_MLHS) {
      int h = hidden_local(c);
      (*mlhs_out)[*nmlhs] = a; (*mlhs_idx)[(*nmlhs)++] = h;
    } else add_local(c, intern(c, a->str));
  }
  ip->lead_num = p->nlead;
  for (int i = 0; i < p->nopt; i++) add_local(c, intern(c, p->opt[i]->str));
  ip->opt_num = p->nopt;
  if (p->has_rest) ip->rest_start = add_local(c, p->rest ? intern(c, p->rest) : intern(c, "*"));
  ip->post_start = c->nlocals;
  for (int i = 0; i < p->npost; i++) {
    Node *a = p->post[i];
    if (a->kind == N_MLHS) {
      int h = hidden_local(c);
      (*mlhs_out)[*nmlhs] = a; (*mlhs_idx)[(*nmlhs)++] = h;
    } else add_local(c, intern(c, a->str));
  }
  ip->post_num = p->npost;
  if (p->nkw > 0) {
    ip->kw_num = p->nkw;
    ip->kw_names = kn_xcalloc(p->nkw, sizeof(ID));
    ip->kw_start = c->nlocals;
    int k = 0;
    for (int pass = 0; pass < 2; pass++)
      for (int i = 0; i < p->nkw; i++) {
        bool required = p->kw[i]->a == NULL;
        if (required != (pass == 0)) continue;
        ip->kw_names[k++] = intern(c, p->kw[i]->str);
        add_local(c, intern(c, p->kw[i]->str));
        if (required) ip->kw_required++;
      }
  }
  if (p->has_kwrest) ip->kwrest_start = add_local(c, p->kwrest ? intern(c, p->kwrest) : intern(c, "**"));
  ip->no_kw = p->no_kw;
  ip->has_kw = p->nkw > 0 || p->has_kwrest;
  if (p->has_block) ip->block_start = add_local(c, p->block ? intern(c, p->block) : intern(c, "&"));
  ip->size = c->nlocals;
  ip->ambiguous_param0 = block_node && p->nlead == 1 && p->nopt == 0 && !p->has_rest &&
                         p->npost == 0 && !p->excessed_comma && p->nkw == 0 && !p->has_kwrest;
  for (int i = 0; i < p->nblock_locals; i++) add_local(c, intern(c, p->block_locals[i]));
  /* names inside |(a, b)| are the block's own, shadowing outer locals of the same name */
  for (int i = 0; i < *nmlhs; i++) declare_mlhs_names(c, (*mlhs_out)[i]);
}

static Iseq *finish_iseq(Compiler *c) {
  Iseq *is = c->iseq;
  /* patch jumps */
  for (int i = 0; i < c->npatches; i++) {
    Patch *p = &c->patches[i];
    c->code[p->operand] = (VALUE)(intptr_t)(c->labels[p->label].pos - p->next_pc);
  }
  is->code = c->code;
  is->code_len = c->len;
  is->line_of = c->lines;
  is->locals = c->locals;
  is->local_size = c->nlocals;
  is->stack_max = c->max_depth + 4;
  is->catch_table = c->catches;
  is->catch_len = c->ncatch;
  for (int i = 0; i < c->ncatch; i++) {
    c->catches[i].start = c->labels[c->catch_labels[i * 3]].pos;
    c->catches[i].end = c->labels[c->catch_labels[i * 3 + 1]].pos;
    c->catches[i].cont = c->labels[c->catch_labels[i * 3 + 2]].pos;
  }
  if (is->param.opt_num > 0) {
    for (int i = 0; i <= is->param.opt_num; i++)
      is->param.opt_table[i] = c->labels[is->param.opt_table[i]].pos;
  }
  free(c->catch_labels);
  free(c->labels);
  free(c->patches);
  return is;
}

static Iseq *new_iseq(Compiler *c, IseqType type, const char *name) {
  Iseq *is = kn_xcalloc(1, sizeof(Iseq));
  is->type = type;
  is->name = kn_xstrdup(name);
  is->file = c->file;
  is->first_line = c->line;
  kn_iseq_register(c->vm, is);
  return is;
}

/* Compiles a method / block / class body into a new iseq. */
static Iseq *compile_child(Compiler *pc, Node *body, Params *params, IseqType type,
                           const char *name, Node *block_node, ID method_id) {
  Compiler c = {0};
  c.vm = pc->vm;
  c.file = pc->file;
  c.frozen_literals = pc->frozen_literals;
  c.line = block_node ? block_node->line : (body ? body->line : pc->line);
  char buf[512];
  if (type == ISEQ_BLOCK) {
    /* "block in foo" / "block (2 levels) in foo" */
    Compiler *m = pc;
    int levels = 1;
    while (m->iseq->type == ISEQ_BLOCK) { m = m->parent; levels++; }
    const char *base = m->iseq->name;
    if (m->iseq->type == ISEQ_EVAL && m->iseq->parent) base = m->iseq->parent->name;
    if (levels == 1) snprintf(buf, sizeof buf, "block in %s", base);
    else snprintf(buf, sizeof buf, "block (%d levels) in %s", levels, base);
    name = buf;
    c.parent = pc;
    pc->iseq->heap_env = true;
    for (Compiler *p = pc; p; p = p->parent) p->iseq->heap_env = true;
  }
  c.iseq = new_iseq(&c, type, name);
  c.iseq->first_line = c.line;
  c.iseq->method_id = method_id;
  c.iseq->parent = pc->iseq;
  c.iseq->local_iseq = type == ISEQ_BLOCK ? pc->iseq->local_iseq : c.iseq;
  Node **mlhs = NULL; int *mlhs_idx = NULL; int nmlhs = 0;
  bool is_for = block_node && block_node->aux == -1;
  if (is_for) {
    c.iseq->param.rest_start = c.iseq->param.post_start = c.iseq->param.kwrest_start =
        c.iseq->param.block_start = -1;
    hidden_local(&c);
    c.iseq->param.lead_num = 1;
    c.iseq->param.size = 1;
    c.iseq->param.ambiguous_param0 = true;   /* the element arrives whole, like |x| */
  } else {
    setup_params(&c, params, block_node, &mlhs, &mlhs_idx, &nmlhs);
  }
  if (block_node && (block_node->flags & NF_LAMBDA)) c.iseq->jit_flags |= 0;
  IseqParams *ip = &c.iseq->param;
  /* optional-argument prologue */
  if (ip->opt_num > 0) {
    ip->opt_table = kn_xcalloc(ip->opt_num + 1, sizeof(int));
    for (int i = 0; i < ip->opt_num; i++) {
      int l = new_label(&c);
      set_label(&c, l);
      ip->opt_table[i] = l;
      compile(&c, params->opt[i]->a, true);
      emit2(&c, BIN_setlocal, -1, ip->lead_num + i, 0);
    }
    int l = new_label(&c);
    set_label(&c, l);
    ip->opt_table[ip->opt_num] = l;
  }
  /* keyword defaults */
  if (params && params->nkw > 0) {
    for (int k = ip->kw_required; k < ip->kw_num; k++) {
      Node *kw = NULL;
      for (int i = 0; i < params->nkw; i++)
        if (intern(&c, params->kw[i]->str) == ip->kw_names[k]) kw = params->kw[i];
      int lskip = new_label(&c);
      emit1(&c, BIN_checkkeyword, 1, ip->kw_start + k);
      emit_jump(&c, BIN_branchunless, lskip);
      compile(&c, kw->a, true);
      emit2(&c, BIN_setlocal, -1, ip->kw_start + k, 0);
      set_label(&c, lskip);
    }
  }
  /* destructuring parameters */
  for (int i = 0; i < nmlhs; i++) {
    emit2(&c, BIN_getlocal, 1, mlhs_idx[i], 0);
    Node *m = mlhs[i];
    /* N_ARG targets inside become locals */
    Node **targets = kn_xcalloc(m->nlist, sizeof(Node *));
    for (int k = 0; k < m->nlist; k++) {
      Node *t = m->list[k];
      targets[k] = t;
      if (t->kind == N_ARG) { t->kind = N_LASGN; t->a = NULL; }
      if (t->kind == N_SPLAT && t->a && t->a->kind == N_ARG) { t->a->kind = N_LASGN; t->a->a = NULL; }
    }
    compile_masgn_targets(&c, targets, m->nlist);
    free(targets);
  }
  free(mlhs);
  free(mlhs_idx);
  if (is_for) {
    emit2(&c, BIN_getlocal, 1, 0, 0);
    Node *t = block_node->c;
    if (t->kind == N_MLHS) compile_masgn_targets(&c, t->list, t->nlist);
    else assign_top(&c, t);
  }
  LoopCtx l = {NULL, 1, -1, -1, -1, 0, NULL, NULL};
  if (type == ISEQ_BLOCK) {
    l.redo_label = new_label(&c);
    set_label(&c, l.redo_label);
    /* break/next inside a block body are handled by compile_break_next (kind 1) */
    c.block_redo = l.redo_label + 1;
  }
  LoopCtx *blockloop = type == ISEQ_BLOCK ? &l : NULL;
  (void)blockloop;
  compile(&c, body, true);
  emit0(&c, BIN_leave, -1);
  Iseq *is = finish_iseq(&c);
  if (c.error && !pc->error) pc->error = c.error;
  else free(c.error);
  return is;
}

Iseq *kn_compile(VM *vm, Node *root, const char *file, int type, const Iseq *eval_parent,
                 const char *name, char **error_out) {
  Compiler c = {0};
  c.vm = vm;
  c.file = file;
  c.line = root ? root->line : 1;
  c.eval_parent = eval_parent;
  c.frozen_literals = root && root->kind == N_SEQ && root->aux == 1;
  c.iseq = new_iseq(&c, (IseqType)type, name ? name : "<main>");
  c.iseq->parent = (Iseq *)eval_parent;
  c.iseq->local_iseq = eval_parent ? eval_parent->local_iseq : c.iseq;
  c.iseq->param.rest_start = c.iseq->param.post_start = c.iseq->param.kwrest_start =
      c.iseq->param.block_start = -1;
  compile(&c, root, true);
  emit0(&c, BIN_leave, -1);
  Iseq *is = finish_iseq(&c);
  if (c.error) {
    if (error_out) *error_out = c.error; else free(c.error);
    return NULL;
  }
  return is;
}
