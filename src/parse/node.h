/* node.h -- the abstract syntax tree produced by src/parse/ and consumed by src/compile/.
 * The parser knows nothing of the VM: names are C strings, literals are C values.
 * Every node is one generic struct; the table below says what each field means per kind.
 * All nodes and strings of one parse live in one arena and are freed together. */
#ifndef KN_NODE_H
#define KN_NODE_H

#include <stddef.h>

typedef struct Node Node;
typedef struct Params Params;

/* X(kind)  -- field use ("-" = unused). `list`/`nlist` is an array of children.
 * Literals
 *   N_INT      ival; if the value does not fit in long long: flags NF_BIG, str = digits
 *              without prefix/underscores, aux = base (2, 8, 10, 16); a leading '-' in str
 *              for negative literals
 *   N_FLOAT    fval
 *   N_RATIONAL str = numeral as written without prefix or underscores ("3", "1.25", "ff";
 *              '-' first when negative), aux = base (2, 8, 10, 16)    (3r, 1.25r, 0xffr)
 *   N_IMAGINARY a = the imaginary part: N_INT, N_FLOAT or N_RATIONAL   (2i, 1.5i, 3ri)
 *   N_STR      str,len (escapes already processed; may contain NUL bytes)
 *   N_DSTR     list = parts: N_STR or N_EVSTR   ("a#{b}c", adjacent literals "a" "b")
 *   N_EVSTR    a = expression inside #{ } (may be NULL for "#{}")
 *   N_XSTR     str,len (backticks; the compiler may reject it)
 *   N_SYM      str,len (symbol name, no colon)
 *   N_DSYM     list = parts as N_DSTR  (:"a#{b}")
 *   N_REGEX    str,len = source between the slashes, aux = option bits NF_RE_*
 *   N_DREGEX   list = parts as N_DSTR, aux = option bits
 *   N_ARRAY    list = elements (N_SPLAT allowed)      also %w %i
 *   N_HASH     list = N_PAIR or N_DSPLAT; flags NF_BRACELESS when written as `f(a: 1)`
 *   N_PAIR     a = key, b = value
 *   N_RANGE    a = low (NULL: beginless), b = high (NULL: endless), flags NF_EXCL for ...
 *   N_NIL N_TRUE N_FALSE N_SELF   -
 *   (__FILE__ becomes N_STR, __LINE__ becomes N_INT; __method__ is an N_CALL)
 * Variables (reads)
 *   N_LVAR     str = name (a local variable known to the parser; also _1.._9)
 *   N_IVAR     str = "@x"        N_GVAR  str = "$x" (also "$!", "$~", "$&", "$0" ...)
 *   N_CVAR     str = "@@x"       N_NTH_REF ival = n   ($1..$9)
 *   N_CONST    str = name (lexical lookup)
 *   N_COLON2   a = scope expression, str = name   (A::B)
 *   N_COLON3   str = name                          (::A)
 * Assignment (a = value; in a multiple-assignment / for / rescue => target, a is NULL
 * meaning "the value is supplied by the enclosing construct")
 *   N_LASGN    str = name, a        N_IASGN  str, a     N_GASGN str, a    N_CVASGN str, a
 *   N_CDECL    b = target (N_CONST, N_COLON2 or N_COLON3), a = value
 *   N_ATTRASGN a = receiver, str = method name with '=' ("x=" or "[]="), list = args
 *              (for a[i] = v in masgn, the args are [i]); b = value (NULL in masgn);
 *              flags NF_SAFE_NAV for a&.x = v
 *   N_OP_ASGN  a = target read form: N_LVAR N_IVAR N_GVAR N_CVAR N_CONST N_COLON2 N_COLON3,
 *              N_CALL (recv.x, no args) or N_CALL named "[]" (recv[args]);
 *              str = operator: "||", "&&", "+", "-", "*", "/", "%", "**", "<<", ">>",
 *              "&", "|", "^";  b = value
 *   N_MASGN    list = targets (assignment nodes with a==NULL, N_SPLAT{a=target or NULL},
 *              N_MLHS), a = right-hand side: N_ARRAY when written `a, b = 1, 2` (flags
 *              NF_MRHS on that array), any expression otherwise (`a, b = f`)
 *   N_MLHS     list = targets  (nested `(a, b)` in an masgn or block parameter list)
 * Calls
 *   N_CALL     a = receiver (NULL: no explicit receiver), str = method name
 *              ("foo", "+", "[]", "!", "-@", "+@", "~", "!=", "=~", "foo?", "foo!", "<=>"),
 *              list = arguments (may contain N_SPLAT, one N_HASH with NF_BRACELESS as
 *              keyword arguments, N_BLOCK_PASS last), b = block literal (N_BLOCK) or NULL;
 *              flags: NF_VCALL (bare identifier, no args, no parens: may be a method or
 *              an error), NF_SAFE_NAV (&.), NF_PARENS (written with parentheses)
 *   N_SUPER    list = arguments, b = block     N_ZSUPER  b = block  (bare `super`)
 *   N_YIELD    list = arguments
 *   N_BLOCK    params = parameters (never NULL), a = body, flags NF_LAMBDA for -> literals,
 *              aux = highest numbered parameter used (_1.._9), 0 if none
 *              (`->(x) { }` is an N_LAMBDA whose a is the N_BLOCK)
 *   N_LAMBDA   a = N_BLOCK
 *   N_SPLAT    a = expression (or target in masgn; NULL for anonymous `*`)
 *   N_DSPLAT   a = expression (**h inside a hash / argument list)
 *   N_BLOCK_PASS a = expression (&blk, &:sym); NULL for anonymous `&`
 * Logic and control
 *   N_AND N_OR a, b  (&& || and or)     N_NOT a (`not x` and `!x` both; compiled as call `!`)
 *   N_DEFINED  a = expression
 *   N_IF       a = cond, b = then (NULL ok), c = else (NULL ok)  (unless swaps b and c;
 *              ternary and modifiers produce N_IF too)
 *   N_WHILE    a = cond, b = body; flags NF_DO_WHILE for `begin ... end while c`
 *   N_UNTIL    as N_WHILE
 *   N_FOR      c = target (assignment node with a==NULL, or N_MLHS), a = iterable, b = body
 *   N_CASE     a = subject (NULL for `case` without subject), list = N_WHEN, c = else body
 *   N_WHEN     list = values (may contain N_SPLAT), b = body
 *   N_BREAK N_NEXT N_RETURN   a = value or NULL (several values: an N_ARRAY)
 *   N_REDO N_RETRY            -
 *   N_BEGIN    a = body, list = N_RESBODY clauses, c = else body, b = ensure body
 *              (also produced for `def ... rescue ... end`, do-blocks with rescue, and the
 *              rescue modifier: `x rescue y` is N_BEGIN{a=x, list=[N_RESBODY{b=y}]})
 *   N_RESBODY  list = exception class expressions (empty = StandardError; N_SPLAT allowed),
 *              c = target for `=> e` (assignment node with a==NULL) or NULL, b = body
 *   N_SEQ      list = statements (a program, a body); on the root, aux = 1 when the file
 *              starts with the magic comment `frozen_string_literal: true`
 * Definitions
 *   N_DEF      str = name, params, a = body
 *   N_SDEF     c = singleton (N_SELF or an expression), str = name, params, a = body
 *   N_CLASS    b = path (N_CONST, N_COLON2, N_COLON3), c = superclass or NULL, a = body
 *   N_MODULE   b = path, a = body
 *   N_SCLASS   c = object (class << obj), a = body
 *   N_ALIAS    a = new name, b = old name (N_SYM or N_DSYM)
 *   N_VALIAS   str = new global, str2 = old global
 *   N_UNDEF    list = names (N_SYM or N_DSYM)
 *   N_ARG      str = parameter name (in Params lists)
 *   N_OPTARG   str = name, a = default expression
 *   N_KWARG    str = name, a = default expression or NULL if the keyword is required
 * Pattern matching (case/in, `expr in pat`, `expr => pat`)
 *   N_CASE_IN  a = subject, list = N_IN clauses, c = else body (NULL: raise
 *              NoMatchingPatternError when nothing matches)
 *   N_IN       a = pattern, b = body, c = guard expression or NULL; flags NF_UNLESS when
 *              the guard is written `unless`
 *   N_MATCH_P  a = value, b = pattern; `v in pat` (true/false), or with NF_RAISE `v => pat`
 *   N_PVALUE   a = expression matched with `pattern === value` (literals, ranges, constants,
 *              ^pinned variables and ^(expressions))
 *   N_PBIND    str = local variable the value is bound to
 *   N_PALT     a | b
 *   N_PCAPTURE a = pattern, str = local bound to the value when a matches (pat => name)
 *   N_PARRAY   c = constant checked with === (or NULL), list = element patterns; at most
 *              one N_PSPLAT (array pattern) or two, first and last (find pattern)
 *   N_PSPLAT   str = name bound to the rest, NULL for anonymous `*`
 *   N_PHASH    c = constant or NULL, list = N_PAIR{a = N_SYM key, b = value pattern or NULL
 *              (bind the key's name)}, a = N_PSPLAT for **rest or NULL; flags NF_NIL_REST
 *              for **nil
 */
#define KN_NODE_KINDS(X) \
  X(N_INT) X(N_FLOAT) X(N_RATIONAL) X(N_IMAGINARY) X(N_STR) X(N_DSTR) X(N_EVSTR) X(N_XSTR) X(N_SYM) X(N_DSYM) \
  X(N_REGEX) X(N_DREGEX) X(N_ARRAY) X(N_HASH) X(N_PAIR) X(N_RANGE) \
  X(N_NIL) X(N_TRUE) X(N_FALSE) X(N_SELF) \
  X(N_LVAR) X(N_IVAR) X(N_GVAR) X(N_CVAR) X(N_NTH_REF) X(N_CONST) X(N_COLON2) X(N_COLON3) \
  X(N_LASGN) X(N_IASGN) X(N_GASGN) X(N_CVASGN) X(N_CDECL) X(N_ATTRASGN) X(N_OP_ASGN) \
  X(N_MASGN) X(N_MLHS) \
  X(N_CALL) X(N_SUPER) X(N_ZSUPER) X(N_YIELD) X(N_BLOCK) X(N_LAMBDA) X(N_SPLAT) \
  X(N_DSPLAT) X(N_BLOCK_PASS) \
  X(N_AND) X(N_OR) X(N_NOT) X(N_DEFINED) X(N_IF) X(N_WHILE) X(N_UNTIL) X(N_FOR) \
  X(N_CASE) X(N_WHEN) X(N_BREAK) X(N_NEXT) X(N_RETURN) X(N_REDO) X(N_RETRY) \
  X(N_BEGIN) X(N_RESBODY) X(N_SEQ) \
  X(N_DEF) X(N_SDEF) X(N_CLASS) X(N_MODULE) X(N_SCLASS) X(N_ALIAS) X(N_VALIAS) X(N_UNDEF) \
  X(N_ARG) X(N_OPTARG) X(N_KWARG) \
  X(N_CASE_IN) X(N_IN) X(N_MATCH_P) X(N_PVALUE) X(N_PBIND) X(N_PALT) X(N_PCAPTURE) \
  X(N_PARRAY) X(N_PSPLAT) X(N_PHASH)

typedef enum {
#define KN_NODE_ENUM(k) k,
  KN_NODE_KINDS(KN_NODE_ENUM)
#undef KN_NODE_ENUM
  N__COUNT
} NodeKind;

enum {
  NF_BIG = 1 << 0,        /* N_INT: value in str/aux */
  NF_BRACELESS = 1 << 1,  /* N_HASH: keyword arguments */
  NF_EXCL = 1 << 2,       /* N_RANGE: ... */
  NF_MRHS = 1 << 3,       /* N_ARRAY: right side of a, b = 1, 2 */
  NF_VCALL = 1 << 4,      /* N_CALL: bare identifier */
  NF_SAFE_NAV = 1 << 5,   /* N_CALL / N_ATTRASGN: &. */
  NF_PARENS = 1 << 6,     /* N_CALL / N_SUPER: written with parentheses */
  NF_LAMBDA = 1 << 7,     /* N_BLOCK: -> literal */
  NF_DO_WHILE = 1 << 8,   /* N_WHILE / N_UNTIL: begin ... end while */
  NF_UNLESS = 1 << 9,     /* N_IN: the guard is `unless` */
  NF_RAISE = 1 << 10,     /* N_MATCH_P: `=>` (raise on mismatch) */
  NF_NIL_REST = 1 << 11,  /* N_PHASH: **nil */
};

/* Regexp option bits in N_REGEX / N_DREGEX aux (same values as Onigmo / CRuby). */
enum { NF_RE_IGNORECASE = 1, NF_RE_EXTENDED = 2, NF_RE_MULTILINE = 4 };

struct Node {
  NodeKind kind;
  int flags;
  int line;          /* 1-based source line where the construct starts */
  Node *a, *b, *c;   /* children, see the table */
  Node **list;       /* array of children */
  int nlist;
  const char *str;   /* name or string bytes (NUL-terminated; len excludes the NUL) */
  size_t len;
  const char *str2;
  long long ival;
  double fval;
  int aux;
  Params *params;    /* N_DEF, N_SDEF, N_BLOCK */
};

/* A method's or block's parameter list:  def m(lead, opt = 1, *rest, post, k:, o: 2, **kw, &b)
 * Block parameters |a, (b, c), d = 1, *r, e; x, y| use the same struct. */
struct Params {
  Node **lead; int nlead;   /* N_ARG, or N_MLHS of N_ARG/N_SPLAT for |(a, b)| */
  Node **opt; int nopt;     /* N_OPTARG */
  int has_rest;             /* 1 if there is a *rest parameter */
  const char *rest;         /* its name, NULL for anonymous `*` */
  Node **post; int npost;   /* N_ARG or N_MLHS after the rest parameter */
  Node **kw; int nkw;       /* N_KWARG */
  int has_kwrest;           /* 1 if **kw (or anonymous **) */
  const char *kwrest;       /* its name, NULL if anonymous */
  int no_kw;                /* **nil */
  const char *block;        /* &blk name, NULL if none */
  int has_block;            /* 1 if &blk (or anonymous &) */
  int excessed_comma;       /* block |a,| */
  const char **block_locals; int nblock_locals;  /* |a; x, y| */
};

typedef struct KnArena KnArena;

/* Result of kn_parse. On success root is the program (an N_SEQ) and error is NULL.
 * On a syntax error root is NULL and error holds CRuby's format:
 *   "FILE:LINE: syntax error, unexpected ..." (possibly several lines). */
typedef struct ParseResult {
  Node *root;
  char *error;
  int error_line;
  KnArena *arena;   /* owns every node and string of this parse */
} ParseResult;

/* Parses src[0..len) as a Ruby program named `file`, numbering lines from `line`.
 * `locals` (may be NULL) names local variables already defined in the enclosing scope,
 * for eval in a binding: they parse as N_LVAR. Returns 0 on success, -1 on a syntax
 * error (out->error set). Never exits, never prints. Thread-safe: no global state. */
int kn_parse(const char *src, size_t len, const char *file, int line,
             const char *const *locals, int nlocals, ParseResult *out);

/* Frees everything a parse allocated (nodes, strings, error). */
void kn_parse_free(ParseResult *res);

/* Prints the tree in an indented, readable form (for --dump=parsetree). */
void kn_dump_parsetree(const Node *root, void *file /* FILE * */);

/* The kind's name without the N_ prefix ("CALL"). */
const char *kn_node_kind_name(NodeKind k);

#endif
