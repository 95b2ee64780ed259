/* object.h -- heap object layouts (DESIGN.md section 3).
 * Every heap object occupies one 64-byte GC slot (src/vm/gc.c) and starts with RBasic.
 * Variable-size payloads (array elements, string bytes, hash tables) live in malloc'ed
 * buffers owned by the object, or inline in the slot when small (`embed`). The JIT reads
 * these layouts through offsetof, so fields here are part of the compiled-code ABI. */
#ifndef KN_OBJECT_H
#define KN_OBJECT_H

#include "value.h"
#include <gmp.h>
#include <stdbool.h>

typedef enum {
  T_NONE = 0,   /* free slot */
  T_OBJECT,     /* plain object with ivars (also exceptions) */
  T_CLASS,
  T_MODULE,
  T_ICLASS,     /* include class: proxy of a module in an ancestor chain */
  T_FLOAT,      /* heap float (doubles that are not flonums) */
  T_STRING,
  T_ARRAY,
  T_HASH,
  T_RANGE,
  T_PROC,
  T_ENV,        /* heap-allocated local variables captured by blocks */
  T_BIGNUM,
  T_DATA,       /* C struct with mark/free callbacks (Method, Regexp, MatchData, ...) */
  T_CREF,       /* lexical scope record: class + parent */
  T_THROW,      /* internal: a break/return/throw in flight */
  T_RATIONAL,   /* Rational: normalized Integer numerator/denominator (src/core/rational.c) */
  T_COMPLEX,    /* Complex: real and imaginary parts, each any real Numeric */
  T__COUNT
} ValueType;

/* flags word: bits 0..4 type, the rest below */
enum {
  KN_TMASK = 0x1f,
  FL_MARK = 1 << 5,
  FL_FROZEN = 1 << 6,
  FL_SINGLETON = 1 << 7,   /* T_CLASS: a singleton (meta) class */
  FL_EXCL = 1 << 8,        /* T_RANGE: exclusive end */
  FL_LAMBDA = 1 << 9,      /* T_PROC */
  FL_STR_BINARY = 1 << 10, /* T_STRING: ASCII-8BIT, not UTF-8 */
  FL_HASH_IDENT = 1 << 11, /* T_HASH: compare_by_identity */
  FL_HASH_PROC = 1 << 12,  /* T_HASH: ifnone is a default proc */
  FL_PREPENDED = 1 << 13,  /* T_CLASS/T_MODULE: has an origin iclass (prepend) */
  FL_STR_CHILLED = 1 << 14,
  FL_PROC_FROM_METHOD = 1 << 15, /* T_PROC: define_method body / Method#to_proc */
  FL_USER0 = 1 << 16,
  FL_USER1 = 1 << 17,
};

typedef struct RBasic {
  uint32_t flags;
  uint32_t aux;     /* per-type small data (e.g. RObject: ivar count) */
  VALUE klass;      /* class (singleton class if it has one); 0 for hidden objects */
} RBasic;

#define RBASIC(v) ((RBasic *)(v))
#define KN_BUILTIN_TYPE(v) ((ValueType)(RBASIC(v)->flags & KN_TMASK))
#define KN_FROZEN_P(v) (SPECIAL_CONST_P(v) || (RBASIC(v)->flags & FL_FROZEN))

#define KN_OBJ_EMBED 4
typedef struct RObject {
  RBasic basic;
  uint32_t numiv;    /* number of ivar slots in use (slot i is Qundef if unset) */
  uint32_t capa;     /* capacity of ivptr */
  VALUE *ivptr;      /* == embed while capa <= KN_OBJ_EMBED */
  VALUE embed[KN_OBJ_EMBED];
} RObject;
#define ROBJECT(v) ((RObject *)(v))

typedef struct RFloat { RBasic basic; double value; } RFloat;

#define KN_STR_EMBED 24
typedef struct RString {
  RBasic basic;
  long len;
  long capa;        /* bytes available in ptr, excluding the NUL */
  char *ptr;        /* == embed while short; always NUL-terminated */
  char embed[KN_STR_EMBED];
} RString;
#define RSTRING(v) ((RString *)(v))
#define RSTRING_PTR(v) (RSTRING(v)->ptr)
#define RSTRING_LEN(v) (RSTRING(v)->len)

#define KN_ARY_EMBED 3
typedef struct RArray {
  RBasic basic;
  long len;
  long capa;
  VALUE *ptr;       /* == embed while capa <= KN_ARY_EMBED */
  VALUE embed[KN_ARY_EMBED];
} RArray;
#define RARRAY(v) ((RArray *)(v))
#define RARRAY_LEN(v) (RARRAY(v)->len)
#define RARRAY_PTR(v) (RARRAY(v)->ptr)

/* Insertion-ordered hash table (src/core/hash.c): entries[] in insertion order (deleted
 * entries have key == Qundef), plus an open-addressing index of entry numbers. */
typedef struct HashEntry { VALUE key; VALUE value; uintptr_t hash; } HashEntry;
typedef struct HashTable {
  HashEntry *entries;
  long n_entries;    /* used slots in entries (including deleted) */
  long size;         /* live entries */
  long capa;         /* capacity of entries */
  int32_t *index;    /* open addressing: -1 empty, -2 deleted, else entry number */
  long index_capa;   /* power of two, or 0 when there is no index (small tables scan) */
} HashTable;
typedef struct RHash {
  RBasic basic;
  HashTable *tbl;    /* NULL while empty */
  VALUE ifnone;      /* default value, or default proc when FL_HASH_PROC */
  long iter_lev;     /* > 0 while being iterated (adding a key then raises) */
} RHash;
#define RHASH(v) ((RHash *)(v))

typedef struct RRange { RBasic basic; VALUE beg; VALUE end; } RRange;
#define RRANGE(v) ((RRange *)(v))

typedef struct RBignum { RBasic basic; mpz_t mp; } RBignum;
#define RBIGNUM(v) ((RBignum *)(v))

/* Rational and Complex (src/core/rational.c): immutable (always frozen) pairs. A Rational
 * keeps num/den in lowest terms with den > 0; a Complex's parts are whatever real Numerics
 * it was built from (Integer, Float, Rational, ...), not canonicalized. */
typedef struct RRational { RBasic basic; VALUE num; VALUE den; } RRational;
#define RRATIONAL(v) ((RRational *)(v))
typedef struct RComplex { RBasic basic; VALUE real; VALUE imag; } RComplex;
#define RCOMPLEX(v) ((RComplex *)(v))

struct Iseq;
struct MethodEntry;

/* A block: the code plus the context it was written in. Lives in the caller's Frame
 * (block literal passed to a call) or inside an RProc. */
typedef struct Block {
  const struct Iseq *iseq;  /* block iseq, or NULL for a C/symbol/method block */
  VALUE self;
  VALUE *ep;                /* locals of the enclosing scope (level 1 for the block) */
  VALUE env;                /* T_ENV owning ep, or 0 when ep is on the VM stack */
  VALUE cref;               /* lexical scope of the enclosing code */
  const struct MethodEntry *me; /* method the block was written in (super, __method__) */
  VALUE proxy;              /* Symbol for &:sym, Method object, or 0 */
} Block;

typedef struct RProc {
  RBasic basic;             /* FL_LAMBDA, FL_PROC_FROM_METHOD */
  Block *block;             /* malloc'ed copy */
  VALUE home_ep_token;      /* unused placeholder for future use */
  long is_orphan;           /* the frame that created the block has returned */
} RProc;
#define RPROC(v) ((RProc *)(v))

/* Heap environment: a block's enclosing locals. ep points at local 0; ep[-1] holds the
 * parent's ep tagged with |1 (so a GC scan sees a Fixnum), or 1 at the outermost level. */
typedef struct REnv {
  RBasic basic;
  VALUE parent;             /* parent T_ENV or 0 */
  VALUE *ep;
  uint32_t size;            /* number of locals */
  uint32_t pad;
  VALUE *buf;               /* malloc'ed: buf[0] = tagged parent ep, buf[1..] = locals */
  VALUE unused;
} REnv;
#define RENV(v) ((REnv *)(v))

typedef struct RCref {
  RBasic basic;
  VALUE klass;              /* class or module of this lexical scope */
  VALUE parent;             /* enclosing RCref, or 0 at the top */
  VALUE pad[3];
} RCref;
#define RCREF(v) ((RCref *)(v))

/* Generic C data. mark may be NULL; free is called when the object dies. */
typedef struct DataType {
  const char *name;
  void (*mark)(void *vm, void *data);
  void (*free)(void *data);
} DataType;
typedef struct RData {
  RBasic basic;
  const DataType *type;
  void *data;
  VALUE pad[3];
} RData;
#define RDATA(v) ((RData *)(v))

/* Internal unwind record for break / return / throw crossing frames. */
typedef struct RThrow {
  RBasic basic;
  int state;                /* KN_TAG_BREAK, KN_TAG_RETURN, KN_TAG_THROW, ... */
  int pad;
  VALUE value;              /* the value carried */
  VALUE *target_ep;         /* the frame to stop at (its ep) */
  VALUE tag;                /* catch/throw tag */
  VALUE pad2;
} RThrow;
#define RTHROW(v) ((RThrow *)(v))

/* Classes and modules. The method table and constant table are C hash maps keyed by ID
 * (src/vm/table.c). */
typedef struct IdTable IdTable;
typedef struct RClass {
  RBasic basic;
  VALUE super;              /* next in the ancestor chain (iclasses included) */
  IdTable *m_tbl;           /* ID -> MethodEntry*  (for an iclass: the module's table) */
  struct ClassExt *ext;     /* the rest, malloc'ed */
  VALUE pad[2];
} RClass;
#define RCLASS(v) ((RClass *)(v))

typedef struct ClassExt {
  IdTable *consts;          /* ID -> VALUE */
  IdTable *iv_index;        /* ID -> ivar slot index, for instances of this class */
  uint32_t iv_count;        /* slots allocated so far */
  IdTable *cvars;           /* ID -> VALUE (class variables) */
  VALUE *ivs;               /* the class object's own ivars (class-level @x) */
  uint32_t nivs, ivs_capa;
  VALUE name;               /* String or 0 for anonymous */
  VALUE attached;           /* singleton class: the object it belongs to */
  VALUE module;             /* iclass: the module it stands for (a head: its origin) */
  VALUE origin;             /* class/module with prepends, head iclass: the origin iclass */
  VALUE lexical_parent;     /* where the constant naming it lives */
  VALUE *includers;         /* modules: the iclasses standing for it in chains (class.c) */
  long nincluders;
  VALUE includer;           /* iclass: the class, module or iclass whose chain holds it */
  bool tmp_name;            /* name is a temporary path under an anonymous module (class.c) */
  ValueType instance_type;  /* what `allocate` makes (T_OBJECT, T_STRING, ...) */
  VALUE (*allocator)(void *vm, VALUE klass);  /* NULL: inherit */
} ClassExt;

#endif
