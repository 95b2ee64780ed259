/* iseq.h -- instruction sequences: the bytecode the compiler produces and the interpreter,
 * tier 1 and tier 2 consume (DESIGN.md section 4). An Iseq is malloc'ed and never freed;
 * the GC marks the objects it embeds through the iseq registry (src/vm/iseq.c). */
#ifndef KN_ISEQ_H
#define KN_ISEQ_H

#include "vm.h"

typedef enum {
#define INSN(name, ops, pop, push, doc) BIN_##name,
#include "../compile/insns.def"
#undef INSN
  BIN__COUNT
} Insn;

extern const char *const kn_insn_names[BIN__COUNT];
extern const char *const kn_insn_operands[BIN__COUNT];
static inline int kn_insn_len(int op);

typedef enum { ISEQ_TOP, ISEQ_METHOD, ISEQ_BLOCK, ISEQ_CLASS, ISEQ_EVAL, ISEQ_MAIN } IseqType;

/* call flags */
enum {
  CI_ARGS_SPLAT = 1 << 0,   /* one argument is an Array to splat (it is argv[splat_pos]) */
  CI_ARGS_BLOCKARG = 1 << 1,/* the top of the arguments is a &blk value */
  CI_FCALL = 1 << 2,        /* no explicit receiver: private methods allowed */
  CI_VCALL = 1 << 3,        /* bare identifier */
  CI_KW_SPLAT = 1 << 4,     /* the last argument is a Hash of keywords */
  CI_ZSUPER = 1 << 5,       /* bare super */
  CI_SELF_RECV = 1 << 6,    /* receiver written as self (protected/private setters ok) */
};

/* One call site: what to call and an inline cache. */
enum { KN_CI_SEEN = 6 };
typedef struct CallInfo {
  ID mid;
  int argc;                 /* stack arguments, excluding receiver and &blk value */
  uint32_t flag;
  /* inline cache: valid while vm->method_serial == serial and class matches */
  VALUE cache_klass;
  uint32_t cache_serial;
  const MethodEntry *cache_me;
  uint32_t polymorphic;     /* number of cache misses that changed the class (profile) */
  uint8_t opt_hit;          /* profile: an opt_* instruction's non-Fixnum fast path ran */
  uint8_t nseen;            /* profile: the first KN_CI_SEEN receiver classes (tier 1 */
  VALUE seen[KN_CI_SEEN];   /* compiles a guard for each); not marked by the GC */
  struct IvarCache *ivc;    /* attr_reader/attr_writer targets: ivar slot cache (lazy) */
} CallInfo;

typedef struct IvarCache { VALUE klass; uint32_t index; } IvarCache;
typedef struct ConstCache { uint32_t serial; VALUE cref; VALUE value; } ConstCache;

enum { CATCH_RESCUE, CATCH_ENSURE, CATCH_BREAK, CATCH_NEXT, CATCH_REDO };
typedef struct CatchEntry {
  int type;
  int start, end;           /* covered instruction offsets [start, end) */
  int cont;                 /* handler / continuation offset */
  int sp;                   /* operand stack depth to restore (relative to bp) */
} CatchEntry;

typedef struct IseqParams {
  int lead_num;             /* required leading params (locals 0..lead_num-1) */
  int opt_num;              /* optional params; opt_table has opt_num + 1 entry pcs */
  int *opt_table;
  int rest_start;           /* local index of *rest, -1 if none */
  int post_start, post_num; /* params after the rest */
  int kw_num, kw_required;  /* keywords: locals kw_start .. kw_start + kw_num - 1 */
  int kw_start;
  ID *kw_names;             /* required ones first */
  int kwrest_start;         /* **kw local, -1 if none */
  int block_start;          /* &blk local, -1 if none */
  bool no_kw;               /* **nil */
  bool ambiguous_param0;    /* block |a|: one param, no trailing comma */
  bool has_kw;              /* accepts keywords (kw_num > 0 or kwrest) */
  int size;                 /* number of parameter locals */
} IseqParams;

typedef struct Iseq {
  IseqType type;
  const char *name;         /* "fib", "block in fib", "<main>", "<class:Foo>" */
  ID method_id;             /* ISEQ_METHOD: its name */
  const char *file;
  int first_line;
  VALUE *code;              /* opcode, operands, opcode, ... */
  int code_len;
  int *line_of;             /* line_of[pc] for each opcode position */
  ID *locals;               /* local names (0 for hidden temporaries) */
  int local_size;
  IseqParams param;
  CatchEntry *catch_table;
  int catch_len;
  int stack_max;
  bool heap_env;            /* locals live in a T_ENV (captured by an inner block) */
  bool uses_block_param;
  struct Iseq *parent;      /* lexically enclosing iseq */
  struct Iseq *local_iseq;  /* the method/top iseq at the root of the block nesting */
  VALUE *lits;              /* objects embedded in code (marked by the GC) */
  int nlits, lits_capa;
  /* profile and tiering (read by src/jit) */
  uint32_t call_count;
  uint32_t backedge_count;
  void *jit_code;           /* tier-1/2 entry, NULL while interpreted */
  void **jit_entries;       /* compiled code for the instruction at each pc offset, or NULL */
  uint32_t jit_flags;       /* bit 0: not to be compiled (failed or blacklisted) */
  void *jit_unit;           /* src/jit's record of the current compiled code, or NULL */
} Iseq;

static inline int kn_insn_len(int op) { return 1 + (int)strlen(kn_insn_operands[op]); }

/* Registers an iseq so the GC marks its literals. Call before adding literals. */
void kn_iseq_register(VM *vm, Iseq *iseq);
void kn_iseq_add_lit(VM *vm, Iseq *iseq, VALUE v);
/* Line of the instruction at pc (a pointer into iseq->code). */
int kn_iseq_line(const Iseq *iseq, const VALUE *pc);
/* Prints the iseq and its children in CRuby's --dump=insns layout. */
void kn_iseq_disasm(VM *vm, const Iseq *iseq, FILE *out);

#endif
