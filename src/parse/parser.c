/* parser.c -- recursive-descent Ruby parser: tokens from lexer.c in, node.h's tree out.
 *
 * Shape: statements -> `and/or/not` -> ternary -> range -> binary operators by precedence
 * climbing -> unary -> primary with its postfix chain (.m  ::m  [i]  blocks). Assignment
 * is recognized at the operand level (`x = v` after a primary that can be assigned), so
 * `a = b = c` and `1 + x = 2` parse as in CRuby. Multiple assignment is recognized at the
 * statement level when an assignable expression is followed by a comma.
 *
 * Command calls (`puts x, y`) are taken when the token after a method name can start an
 * argument; the lexer has already decided from its state and spacing whether `-1`, `[`,
 * `(`, `*`, `&` begin an argument. `do` belongs to the outermost command or to a
 * `while/until/for` condition: p->no_do hides it from calls nested inside those.
 *
 * Locals: a scope stack (def/class bodies open a hard scope, blocks a soft one that sees
 * its parents). It answers the lexer's "is this identifier a local?" and decides N_LVAR
 * vs. a variable-like call (NF_VCALL). A scope is popped before the token after its
 * closing `end`/`}` is read, because the lexer reads one token ahead.
 *
 * Errors: kn_lex_error's longjmp, with CRuby's "syntax error, unexpected X, expecting Y". */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "lexer.h"

typedef struct Scope {
  struct Scope *prev;
  int soft;                 /* block: locals of prev are visible */
  const char **names;
  int n, cap;
  int numparam;             /* highest _N used in this block */
} Scope;

typedef struct Parser {
  Lexer lx;
  Token tok;                /* the current token */
  KnArena *arena;
  Scope *scope;
  int no_do;                /* `do` belongs to an enclosing command / loop condition */
  int paren_stmts;          /* inside ( ): an mlhs not followed by = is a nested mlhs */
  int no_in;                /* parsing a case subject: `in` starts the first clause */
  Node *label_key;          /* set when a "str": label was just parsed: the key node */
  const char *file;
} Parser;

typedef struct Vec { Node **v; int n, cap; } Vec;

static Node *parse_stmt(Parser *p);
static Node *parse_stmts(Parser *p, const char *expect);
static Node *parse_expr(Parser *p);
static Node *parse_arg(Parser *p);
static Node *parse_ternary(Parser *p);
static Node *parse_binary(Parser *p, int min);
static Node *parse_unary(Parser *p);
enum { PF_CMD = 1, PF_NOASGN = 2 };  /* parse_primary_postfix flags */
static Node *parse_primary_postfix(Parser *p, int flags);
static Node *parse_bodystmt(Parser *p, int line);
static Node *parse_brace_block(Parser *p);
static Node *parse_do_block(Parser *p);
static Params *parse_def_params(Parser *p, int closer);
static Node *parse_hash_literal(Parser *p);
static Node *parse_pattern_top(Parser *p, int closer);
static Node *parse_primary(Parser *p, int allow_cmd);
static Node *parse_unary(Parser *p);
static Node *parse_string(Parser *p);
static void parse_then(Parser *p);
static Node *pair_node(Parser *p, Node *k, Node *v, int line);

/* ---- memory -------------------------------------------------------------------------- */
static Node *node(Parser *p, NodeKind k, int line) {
  Node *n = kn_arena_alloc(p->arena, sizeof(Node));
  n->kind = k;
  n->line = line;
  return n;
}

static Node *node1(Parser *p, NodeKind k, int line, Node *a) {
  Node *n = node(p, k, line);
  n->a = a;
  return n;
}

static const char *sdup(Parser *p, const char *s, size_t n) {
  return kn_arena_strndup(p->arena, s, n);
}

static void vpush(Parser *p, Vec *v, Node *n) {
  if (v->n == v->cap) {
    int cap = v->cap ? v->cap * 2 : 4;
    Node **nv = kn_arena_alloc(p->arena, sizeof(Node *) * (size_t)cap);
    if (v->n) memcpy(nv, v->v, sizeof(Node *) * (size_t)v->n);
    v->v = nv;
    v->cap = cap;
  }
  v->v[v->n++] = n;
}

static void set_list(Node *n, Vec *v) {
  n->list = v->v;
  n->nlist = v->n;
}

/* ---- scopes -------------------------------------------------------------------------- */
static void push_scope(Parser *p, int soft) {
  Scope *s = kn_arena_alloc(p->arena, sizeof(Scope));
  s->prev = p->scope;
  s->soft = soft;
  p->scope = s;
}

static void pop_scope(Parser *p) { p->scope = p->scope->prev; }

static int scope_has(const Scope *s, const char *name, size_t len) {
  for (int i = 0; i < s->n; i++)
    if (strlen(s->names[i]) == len && memcmp(s->names[i], name, len) == 0) return 1;
  return 0;
}

static int is_numparam(const char *name, size_t len) {
  return len == 2 && name[0] == '_' && name[1] >= '1' && name[1] <= '9';
}

static int lookup_local(Parser *p, const char *name, size_t len) {
  for (Scope *s = p->scope; s; s = s->prev) {
    if (scope_has(s, name, len)) return 1;
    if (!s->soft) break;
  }
  return 0;
}

static void declare(Parser *p, const char *name) {
  if (lookup_local(p, name, strlen(name))) return;
  Scope *s = p->scope;
  if (s->n == s->cap) {
    int cap = s->cap ? s->cap * 2 : 8;
    const char **nv = kn_arena_alloc(p->arena, sizeof(char *) * (size_t)cap);
    if (s->n) memcpy(nv, s->names, sizeof(char *) * (size_t)s->n);
    s->names = nv;
    s->cap = cap;
  }
  s->names[s->n++] = name;
}

/* The innermost block scope, if the current scope is one (for _1.._9). */
static Scope *block_scope(Parser *p) { return p->scope && p->scope->soft ? p->scope : NULL; }

static int lexer_is_local(void *ud, const char *name, size_t len) {
  Parser *p = ud;
  if (is_numparam(name, len) && block_scope(p)) return 1;
  return lookup_local(p, name, len);
}

/* ---- tokens -------------------------------------------------------------------------- */
static void next(Parser *p) { kn_lex_next(&p->lx, &p->tok); }

static int at(Parser *p, int type) { return p->tok.type == type; }

static int accept(Parser *p, int type) {
  if (p->tok.type != type) return 0;
  next(p);
  return 1;
}

static _Noreturn void unexpected(Parser *p, const char *expecting) {
  char buf[80];
  const char *d = kn_token_desc(&p->tok, buf, sizeof buf);
  if (expecting)
    kn_lex_error(&p->lx, p->tok.line, "syntax error, unexpected %s, expecting %s", d, expecting);
  kn_lex_error(&p->lx, p->tok.line, "syntax error, unexpected %s", d);
}

static void expect(Parser *p, int type, const char *desc) {
  if (!accept(p, type)) unexpected(p, desc);
}

static int is_term(int t) { return t == T_NL || t == T_SEMI; }

static void skip_terms(Parser *p) {
  while (is_term(p->tok.type)) next(p);
}

static void skip_nl(Parser *p) {
  while (p->tok.type == T_NL) next(p);
}

static const char *tok_name(Parser *p) { return sdup(p, p->tok.str, p->tok.len); }

/* Can the current token start an argument of a command call (`foo ARG`)? */
static int can_start_arg(Parser *p) {
  switch (p->tok.type) {
  case T_INT: case T_FLOAT: case T_CHAR: case T_SYMBOL: case T_STRING_BEG: case T_IDENT:
  case T_FID: case T_CONST: case T_IVAR: case T_CVAR: case T_GVAR: case T_NTH_REF:
  case T_LABEL: case T_LBRACK: case T_LPAREN_ARG: case T_LPAREN: case T_UMINUS: case T_UPLUS:
  case T_BANG: case T_TILDE: case T_SPLAT: case T_DSTAR: case T_AMPER: case T_COLON3:
  case T_LAMBDA: case T_BDOT2: case T_BDOT3:
  case K_NIL: case K_TRUE: case K_FALSE: case K_SELF: case K_NOT: case K_DEFINED:
  case K__FILE__: case K__LINE__: case K__ENCODING__: case K_DEF: case K_SUPER: case K_YIELD:
  case K_CASE: case K_IF: case K_UNLESS: case K_WHILE: case K_UNTIL: case K_BEGIN:
    return 1;
  default:
    return 0;
  }
}

/* Keywords above that are statement modifiers after a complete command name. */
static int is_modifier(int t) {
  return t == K_IF || t == K_UNLESS || t == K_WHILE || t == K_UNTIL;
}

/* Can the current token start an expression (for endless ranges, bare return ...)? */
static int can_start_expr(Parser *p) {
  if (is_modifier(p->tok.type)) return 0;
  return can_start_arg(p) || at(p, T_LBRACE) || at(p, K_CLASS) || at(p, K_MODULE) ||
         at(p, K_FOR) || at(p, K_RETURN) || at(p, K_BREAK) || at(p, K_NEXT);
}

/* ---- assignment targets ------------------------------------------------------------- */
static int is_assignable(const Node *n) {
  switch (n->kind) {
  case N_LVAR: case N_IVAR: case N_GVAR: case N_CVAR: case N_CONST: case N_COLON2:
  case N_COLON3:
    return 1;
  case N_CALL:
    if (n->b || (n->flags & NF_PARENS && strcmp(n->str, "[]") != 0)) return 0;
    if (n->flags & NF_VCALL) return 1;
    if (strcmp(n->str, "[]") == 0) return n->a != NULL;
    if (!n->a || n->nlist) return 0;
    return (n->str[0] >= 'a' && n->str[0] <= 'z') || n->str[0] == '_' ||
           (n->str[0] >= 'A' && n->str[0] <= 'Z') || (unsigned char)n->str[0] >= 0x80;
  default:
    return 0;
  }
}

/* Turns an assignable expression into an assignment node with a == NULL (value supplied
 * by the caller). Declares new locals. */
static Node *to_target(Parser *p, Node *n) {
  Node *t;
  switch (n->kind) {
  case N_LVAR:
    t = node(p, N_LASGN, n->line);
    t->str = n->str;
    declare(p, n->str);
    return t;
  case N_IVAR: t = node(p, N_IASGN, n->line); t->str = n->str; return t;
  case N_GVAR: t = node(p, N_GASGN, n->line); t->str = n->str; return t;
  case N_CVAR: t = node(p, N_CVASGN, n->line); t->str = n->str; return t;
  case N_CONST: case N_COLON2: case N_COLON3:
    t = node(p, N_CDECL, n->line);
    t->b = n;
    return t;
  case N_CALL:
    if (n->flags & NF_VCALL) {
      t = node(p, N_LASGN, n->line);
      t->str = n->str;
      declare(p, n->str);
      return t;
    }
    t = node(p, N_ATTRASGN, n->line);
    t->a = n->a;
    t->flags = n->flags & NF_SAFE_NAV;
    if (strcmp(n->str, "[]") == 0) {
      t->str = "[]=";
      t->list = n->list;
      t->nlist = n->nlist;
    } else {
      size_t len = strlen(n->str);
      char *s = kn_arena_alloc(p->arena, len + 2);
      memcpy(s, n->str, len);
      s[len] = '=';
      t->str = s;
    }
    return t;
  case N_MLHS:
    return n;
  case N_SPLAT:
    if (n->a) n->a = to_target(p, n->a);
    return n;
  default:
    kn_lex_error(&p->lx, n->line, "syntax error, unexpected '=', cannot assign to %s",
                 kn_node_kind_name(n->kind));
  }
}

/* The read form of an op-assign target: a VCALL becomes a (new) local. */
static Node *to_read_target(Parser *p, Node *n) {
  if (n->kind == N_CALL && (n->flags & NF_VCALL)) {
    declare(p, n->str);
    Node *v = node(p, N_LVAR, n->line);
    v->str = n->str;
    return v;
  }
  return n;
}

static void set_value(Node *asgn, Node *v) {
  if (asgn->kind == N_ATTRASGN) asgn->b = v;
  else asgn->a = v;
}

static int is_single_asgn(const Node *n) {
  switch (n->kind) {
  case N_LASGN: case N_IASGN: case N_GASGN: case N_CVASGN: return n->a != NULL;
  case N_CDECL: return n->a != NULL;
  case N_ATTRASGN: return n->b != NULL;
  case N_OP_ASGN: return 1;
  default: return 0;
  }
}

/* ---- literals ------------------------------------------------------------------------- */
static Node *str_node(Parser *p, const char *s, size_t len, int line) {
  Node *n = node(p, N_STR, line);
  n->str = s;
  n->len = len;
  return n;
}

/* Appends a literal piece to parts, merging with a preceding N_STR. */
static void add_str_part(Parser *p, Vec *parts, const char *s, size_t len, int line) {
  if (parts->n && parts->v[parts->n - 1]->kind == N_STR) {
    Node *prev = parts->v[parts->n - 1];
    char *m = kn_arena_alloc(p->arena, prev->len + len + 1);
    memcpy(m, prev->str, prev->len);
    memcpy(m + prev->len, s, len);
    prev->str = m;
    prev->len += len;
    return;
  }
  vpush(p, parts, str_node(p, s, len, line));
}

/* A node for #@x / #$x / #$1 inside a string. */
static Node *dvar_node(Parser *p, const Token *t) {
  Node *n;
  if (t->aux == N_NTH_REF) {
    n = node(p, N_NTH_REF, t->line);
    n->ival = t->ival;
  } else {
    n = node(p, (NodeKind)t->aux, t->line);
    n->str = sdup(p, t->str, t->len);
  }
  return node1(p, N_EVSTR, t->line, n);
}

/* Parts of one string body up to STRING_END/LABEL_END (or a word separator when
 * `words`). Returns the closing token type; the cursor is on it. */
static int string_parts(Parser *p, Vec *parts, int words) {
  for (;;) {
    switch (p->tok.type) {
    case T_STRING_CONTENT:
      add_str_part(p, parts, p->tok.str, p->tok.len, p->tok.line);
      next(p);
      break;
    case T_STRING_DBEG: {
      int line = p->tok.line, save = p->no_do, save_ps = p->paren_stmts;
      p->no_do = 0;
      p->paren_stmts = 0;
      next(p);
      Node *body = parse_stmts(p, "'}'");
      p->no_do = save;
      p->paren_stmts = save_ps;
      if (!at(p, T_STRING_DEND)) unexpected(p, "'}'");
      next(p);
      Node *e = body->nlist == 0 ? NULL : body->nlist == 1 ? body->list[0] : body;
      vpush(p, parts, node1(p, N_EVSTR, line, e));
      break;
    }
    case T_STRING_DVAR:
      vpush(p, parts, dvar_node(p, &p->tok));
      next(p);
      break;
    case T_WORD_SEP:
      if (words) return T_WORD_SEP;
      next(p);
      break;
    case T_STRING_END: case T_LABEL_END:
      return p->tok.type;
    default:
      unexpected(p, "string end");
    }
  }
}

/* Builds N_STR / N_DSTR (or the symbol / regexp variants) from parts. */
static Node *finish_string(Parser *p, Vec *parts, NodeKind plain, NodeKind dyn, int line) {
  if (parts->n == 0) {
    Node *n = node(p, plain, line);
    n->str = "";
    return n;
  }
  if (parts->n == 1 && parts->v[0]->kind == N_STR) {
    Node *n = parts->v[0];
    n->kind = plain;
    n->line = line;
    return n;
  }
  Node *n = node(p, dyn, line);
  set_list(n, parts);
  return n;
}

/* A string-like literal starting at T_STRING_BEG. Sets p->label_key when it was written
 * as a hash label ("str": v). */
static Node *parse_string(Parser *p) {
  int kind = p->tok.aux, line = p->tok.line;
  next(p);
  if (kind == SK_WORDS || kind == SK_SYMBOLS) {
    Node *arr = node(p, N_ARRAY, line);
    Vec elems = {0};
    for (;;) {
      Vec parts = {0};
      int end = string_parts(p, &parts, 1);
      if (parts.n)
        vpush(p, &elems, kind == SK_WORDS ? finish_string(p, &parts, N_STR, N_DSTR, line)
                                          : finish_string(p, &parts, N_SYM, N_DSYM, line));
      next(p);
      if (end != T_WORD_SEP) break;
    }
    set_list(arr, &elems);
    return arr;
  }
  Vec parts = {0};
  int end = string_parts(p, &parts, 0);
  int opts = p->tok.aux;
  next(p);
  Node *n;
  switch (kind) {
  case SK_XSTR:
    n = finish_string(p, &parts, N_XSTR, N_DSTR, line);
    break;
  case SK_SYM:
    n = finish_string(p, &parts, N_SYM, N_DSYM, line);
    break;
  case SK_REGEX:
    n = finish_string(p, &parts, N_REGEX, N_DREGEX, line);
    n->aux = opts;
    break;
  default:
    if (end == T_LABEL_END) {
      n = finish_string(p, &parts, N_SYM, N_DSYM, line);
      p->label_key = n;
      return n;
    }
    /* adjacent literals: "a" "b" */
    while (at(p, T_STRING_BEG) && p->tok.aux == SK_STR) {
      next(p);
      end = string_parts(p, &parts, 0);
      next(p);
      if (end == T_LABEL_END) {
        n = finish_string(p, &parts, N_SYM, N_DSYM, line);
        p->label_key = n;
        return n;
      }
    }
    n = finish_string(p, &parts, N_STR, N_DSTR, line);
    break;
  }
  return n;
}

static Node *int_node(Parser *p, const Token *t) {
  Node *n = node(p, N_INT, t->line);
  if (t->flags & TF_BIG) {
    n->flags |= NF_BIG;
    n->str = t->str;
    n->len = t->len;
    n->aux = t->aux;
  } else {
    n->ival = t->ival;
  }
  return n;
}

/* The literal of a T_INT / T_FLOAT token: N_INT, N_FLOAT or N_RATIONAL, wrapped in an
 * N_IMAGINARY for an `i` suffix. */
static Node *number_node(Parser *p, const Token *t) {
  Node *n;
  if (t->flags & TF_RATIONAL) {
    n = node(p, N_RATIONAL, t->line);
    n->str = t->str;
    n->len = t->len;
    n->aux = t->aux;
  } else if (t->type == T_INT) {
    n = int_node(p, t);
  } else {
    n = node(p, N_FLOAT, t->line);
    n->fval = t->fval;
  }
  if (t->flags & TF_IMAG) {
    Node *im = node(p, N_IMAGINARY, t->line);
    im->a = n;
    n = im;
  }
  return n;
}

static bool numeric_literal(const Node *n) {
  return n->kind == N_INT || n->kind == N_FLOAT || n->kind == N_RATIONAL || n->kind == N_IMAGINARY;
}

/* Flip the sign of a numeric literal written with a leading '-' (for -2 ** 2). */
static void negate_literal(Node *n) {
  switch (n->kind) {
  case N_FLOAT: n->fval = -n->fval; break;
  case N_INT:
    if (n->flags & NF_BIG) n->str++;
    else n->ival = -n->ival;
    break;
  case N_RATIONAL: n->str++; n->len--; break;   /* drop the '-' */
  case N_IMAGINARY: negate_literal(n->a); break;
  default: break;
  }
}

/* ---- arguments ------------------------------------------------------------------------ */

/* Collects call arguments: positional args and splats in order, label/=> pairs and **h in
 * one braceless N_HASH (at the position of the first), &blk last. */
typedef struct Args {
  Vec list;
  Node *hash;
  Node *block_pass;
} Args;

static void args_add_pair(Parser *p, Args *a, Node *pair) {
  if (!a->hash) {
    a->hash = node(p, N_HASH, pair->line);
    a->hash->flags = NF_BRACELESS;
    vpush(p, &a->list, a->hash);
  }
  Vec v = {a->hash->list, a->hash->nlist, a->hash->nlist};
  vpush(p, &v, pair);
  set_list(a->hash, &v);
}

static Node *pair_node(Parser *p, Node *k, Node *v, int line) {
  Node *n = node(p, N_PAIR, line);
  n->a = k;
  n->b = v;
  return n;
}

/* `key:` with the value omitted ({x:} / f(x:)): the local or method x. */
static Node *label_value(Parser *p, const char *name, int line) {
  Node *v;
  if (lookup_local(p, name, strlen(name))) {
    v = node(p, N_LVAR, line);
  } else {
    v = node(p, N_CALL, line);
    v->flags = NF_VCALL;
  }
  v->str = name;
  return v;
}

static int value_omitted(Parser *p, int closer) {
  return at(p, T_COMMA) || at(p, closer) || at(p, T_NL) || at(p, T_EOF);
}

/* One argument (or pair, splat, block pass) into a. closer: the token ending the list (0
 * for command args). */
static void parse_one_arg(Parser *p, Args *a, int closer) {
  int line = p->tok.line;
  switch (p->tok.type) {
  case T_BDOT3: case T_DOT3:
    if (closer == T_RPAREN && lookup_local(p, "&", 1) && lookup_local(p, "**", 2)) {
      /* f(...): forward the rest, keywords and block of a (...) method */
      next(p);
      Node *v = node(p, N_LVAR, line);
      v->str = "*";
      vpush(p, &a->list, node1(p, N_SPLAT, line, v));
      v = node(p, N_LVAR, line);
      v->str = "**";
      args_add_pair(p, a, node1(p, N_DSPLAT, line, v));
      v = node(p, N_LVAR, line);
      v->str = "&";
      a->block_pass = node1(p, N_BLOCK_PASS, line, v);
      return;
    }
    break;
  case T_SPLAT: case T_STAR: {
    next(p);
    Node *e = at(p, T_COMMA) || at(p, closer) ? NULL : parse_arg(p);
    vpush(p, &a->list, node1(p, N_SPLAT, line, e));
    return;
  }
  case T_DSTAR: case T_POW: {
    next(p);
    Node *e = at(p, T_COMMA) || at(p, closer) ? NULL : parse_arg(p);
    args_add_pair(p, a, node1(p, N_DSPLAT, line, e));
    return;
  }
  case T_AMPER: case T_AMP: {
    next(p);
    Node *e = at(p, T_COMMA) || at(p, closer) || (closer == 0 && !can_start_arg(p)) ? NULL
                                                                                    : parse_arg(p);
    a->block_pass = node1(p, N_BLOCK_PASS, line, e);
    return;
  }
  case T_LABEL: {
    const char *name = tok_name(p);
    Node *k = node(p, N_SYM, line);
    k->str = name;
    k->len = strlen(name);
    next(p);
    skip_nl(p);
    Node *v = value_omitted(p, closer) ? label_value(p, name, line) : parse_arg(p);
    args_add_pair(p, a, pair_node(p, k, v, line));
    return;
  }
  default: break;
  }
  p->label_key = NULL;
  Node *e = parse_arg(p);
  if (p->label_key == e) {
    p->label_key = NULL;
    skip_nl(p);
    args_add_pair(p, a, pair_node(p, e, parse_arg(p), line));
    return;
  }
  if (at(p, T_ASSOC)) {
    next(p);
    skip_nl(p);
    args_add_pair(p, a, pair_node(p, e, parse_arg(p), line));
    return;
  }
  vpush(p, &a->list, e);
}

/* Arguments up to `closer` (T_RPAREN / T_RBRACK), which is consumed. */
static void parse_paren_args(Parser *p, Args *a, int closer, const char *desc) {
  int save = p->no_do;
  p->no_do = 0;
  skip_nl(p);
  while (!at(p, closer)) {
    parse_one_arg(p, a, closer);
    skip_nl(p);
    if (!accept(p, T_COMMA)) break;
    skip_nl(p);
  }
  p->no_do = save;
  if (!at(p, closer)) unexpected(p, desc);
  next(p);
}

/* Command arguments (no parentheses): `foo a, b: 1, &c`. */
static void parse_command_args(Parser *p, Args *a) {
  int save = p->no_do;
  p->no_do = 1;
  for (;;) {
    parse_one_arg(p, a, 0);
    if (!accept(p, T_COMMA)) break;
    skip_nl(p);
  }
  p->no_do = save;
}

static void args_to_node(Parser *p, Node *call, Args *a) {
  if (a->block_pass) vpush(p, &a->list, a->block_pass);
  set_list(call, &a->list);
}

/* Parenthesized or command arguments and a block for the call node n (name already set).
 * allow_cmd: command arguments may follow. */
static void call_rest(Parser *p, Node *n, int allow_cmd) {
  Args a = {0};
  if (at(p, T_LPAREN_CALL)) {
    next(p);
    parse_paren_args(p, &a, T_RPAREN, "')'");
    n->flags |= NF_PARENS;
    args_to_node(p, n, &a);
  } else if (allow_cmd && can_start_arg(p) && !is_modifier(p->tok.type)) {
    parse_command_args(p, &a);
    args_to_node(p, n, &a);
  }
  if (at(p, T_LBRACE)) {
    n->b = parse_brace_block(p);
  } else if (at(p, K_DO) && !p->no_do) {
    n->b = parse_do_block(p);
  }
  if (n->b && n->nlist && n->list[n->nlist - 1]->kind == N_BLOCK_PASS)
    kn_lex_error(&p->lx, n->line, "both block arg and actual block given");
}

/* ---- blocks and parameters ------------------------------------------------------------ */
typedef struct PVec { Vec lead, opt, post, kw; } PVec;

static Node *arg_node(Parser *p, NodeKind k, const char *name, int line) {
  Node *n = node(p, k, line);
  n->str = name;
  declare(p, name);
  return n;
}

/* `(a, (b, *c), d)` inside block parameters; the cursor is after '('. */
static Node *parse_param_mlhs(Parser *p, int line) {
  Node *m = node(p, N_MLHS, line);
  Vec v = {0};
  while (!at(p, T_RPAREN)) {
    int l = p->tok.line;
    if (accept(p, T_SPLAT) || accept(p, T_STAR)) {
      Node *s = node(p, N_SPLAT, l);
      if (at(p, T_IDENT)) {
        s->a = arg_node(p, N_ARG, tok_name(p), l);
        next(p);
      }
      vpush(p, &v, s);
    } else if (accept(p, T_LPAREN) || accept(p, T_LPAREN_CALL) || accept(p, T_LPAREN_ARG)) {
      vpush(p, &v, parse_param_mlhs(p, l));
    } else if (at(p, T_IDENT)) {
      vpush(p, &v, arg_node(p, N_ARG, tok_name(p), l));
      next(p);
    } else {
      unexpected(p, "')'");
    }
    if (!accept(p, T_COMMA)) break;
  }
  expect(p, T_RPAREN, "')'");
  set_list(m, &v);
  return m;
}

static Node **vec_arr(Vec *v, int *n) {
  *n = v->n;
  return v->v;
}

/* One parameter list. closer: T_PIPE (block), T_RPAREN (def/lambda with parens),
 * T_NL (def without parens), T_LBRACE (lambda without parens). The closer is not consumed. */
static Params *parse_params(Parser *p, int closer, int is_block) {
  Params *ps = kn_arena_alloc(p->arena, sizeof(Params));
  PVec v = {{0}, {0}, {0}, {0}};
  int seen_rest = 0;
  for (;;) {
    int t = p->tok.type, line = p->tok.line;
    if (t == closer || (closer == T_NL && (t == T_SEMI || t == T_NL || t == T_ASSIGN)) ||
        (closer == T_LBRACE && (t == K_DO)) || ((closer == T_PIPE || closer == T_RPAREN) && t == T_SEMI))
      break;
    if (t == T_IDENT) {
      const char *name = tok_name(p);
      next(p);
      if (at(p, T_ASSIGN)) {
        next(p);
        Node *o = arg_node(p, N_OPTARG, name, line);
        o->a = is_block ? parse_unary(p) : parse_arg(p);
        vpush(p, &v.opt, o);
      } else {
        /* a required parameter after optionals or the rest is a post parameter */
        vpush(p, seen_rest || v.opt.n ? &v.post : &v.lead, arg_node(p, N_ARG, name, line));
      }
    } else if (t == T_LPAREN || t == T_LPAREN_CALL || t == T_LPAREN_ARG) {
      next(p);
      Node *m = parse_param_mlhs(p, line);
      vpush(p, seen_rest || v.opt.n ? &v.post : &v.lead, m);
    } else if (t == T_SPLAT || t == T_STAR) {
      next(p);
      ps->has_rest = 1;
      seen_rest = 1;
      if (at(p, T_IDENT)) {
        ps->rest = tok_name(p);
        declare(p, ps->rest);
        next(p);
      }
    } else if (t == T_DSTAR || t == T_POW) {
      next(p);
      if (accept(p, K_NIL)) {
        ps->no_kw = 1;
      } else {
        ps->has_kwrest = 1;
        if (at(p, T_IDENT)) {
          ps->kwrest = tok_name(p);
          declare(p, ps->kwrest);
          next(p);
        }
      }
    } else if (t == T_AMPER || t == T_AMP) {
      next(p);
      ps->has_block = 1;
      if (at(p, T_IDENT)) {
        ps->block = tok_name(p);
        declare(p, ps->block);
        next(p);
      }
    } else if (t == T_LABEL) {
      const char *name = tok_name(p);
      next(p);
      Node *k = arg_node(p, N_KWARG, name, line);
      int tt = p->tok.type;
      if (!(tt == T_COMMA || tt == closer || tt == T_NL || tt == T_SEMI ||
            (closer == T_LBRACE && tt == K_DO)))
        k->a = is_block ? parse_unary(p) : parse_arg(p);
      vpush(p, &v.kw, k);
    } else if ((t == T_DOT3 || t == T_BDOT3) && !is_block) {
      next(p);
      ps->has_rest = 1;
      ps->rest = "*";
      ps->has_kwrest = 1;
      ps->kwrest = "**";
      ps->has_block = 1;
      ps->block = "&";
      declare(p, "*");
      declare(p, "**");
      declare(p, "&");
      seen_rest = 1;
    } else {
      unexpected(p, closer == T_PIPE ? "'|'" : closer == T_RPAREN ? "')'" : NULL);
    }
    if (closer == T_RPAREN) skip_nl(p);
    if (!accept(p, T_COMMA)) break;
    if (closer == T_RPAREN) skip_nl(p);
    if (closer == T_PIPE && at(p, T_PIPE) && v.lead.n == 1 && !v.opt.n && !seen_rest) {
      ps->excessed_comma = 1;
      break;
    }
  }
  if ((closer == T_PIPE || closer == T_RPAREN) && accept(p, T_SEMI)) {
    int n = 0, cap = 4;
    const char **names = kn_arena_alloc(p->arena, sizeof(char *) * (size_t)cap);
    while (at(p, T_IDENT)) {
      if (n == cap) {
        const char **nn = kn_arena_alloc(p->arena, sizeof(char *) * (size_t)cap * 2);
        memcpy(nn, names, sizeof(char *) * (size_t)n);
        names = nn;
        cap *= 2;
      }
      names[n] = tok_name(p);
      declare(p, names[n]);
      n++;
      next(p);
      if (!accept(p, T_COMMA)) break;
    }
    ps->block_locals = names;
    ps->nblock_locals = n;
  }
  ps->lead = vec_arr(&v.lead, &ps->nlead);
  ps->opt = vec_arr(&v.opt, &ps->nopt);
  ps->post = vec_arr(&v.post, &ps->npost);
  ps->kw = vec_arr(&v.kw, &ps->nkw);
  return ps;
}

/* Numbered parameters _1.._N become the block's leading parameters. */
static void finish_block_params(Parser *p, Node *blk, Scope *s) {
  if (!s->numparam) return;
  Params *ps = blk->params;
  if (ps->nlead || ps->nopt || ps->has_rest || ps->nkw)
    kn_lex_error(&p->lx, blk->line, "ordinary parameter is defined");
  Node **lead = kn_arena_alloc(p->arena, sizeof(Node *) * (size_t)s->numparam);
  for (int i = 0; i < s->numparam; i++) {
    char *nm = kn_arena_alloc(p->arena, 3);
    nm[0] = '_';
    nm[1] = (char)('1' + i);
    lead[i] = node(p, N_ARG, blk->line);
    lead[i]->str = nm;
  }
  ps->lead = lead;
  ps->nlead = s->numparam;
  blk->aux = s->numparam;
}

static Params *empty_params(Parser *p) { return kn_arena_alloc(p->arena, sizeof(Params)); }

static Params *parse_block_params(Parser *p) {
  if (accept(p, T_OROP)) return empty_params(p);
  if (!accept(p, T_PIPE)) return empty_params(p);
  Params *ps = parse_params(p, T_PIPE, 1);
  expect(p, T_PIPE, "'|'");
  return ps;
}

/* { |params| body } or do |params| body end (with rescue/ensure): the cursor is on { / do. */
static Node *parse_block(Parser *p, bool is_do) {
  int line = p->tok.line, save = p->no_do, save_ps = p->paren_stmts;
  next(p);
  p->no_do = 0;
  p->paren_stmts = 0;
  push_scope(p, 1);
  Scope *s = p->scope;
  Node *b = node(p, N_BLOCK, line);
  b->params = parse_block_params(p);
  b->a = is_do ? parse_bodystmt(p, line) : parse_stmts(p, "'}'");
  if (!at(p, is_do ? K_END : T_RBRACE)) unexpected(p, is_do ? "`end'" : "'}'");
  pop_scope(p);
  next(p);
  finish_block_params(p, b, s);
  p->no_do = save;
  p->paren_stmts = save_ps;
  return b;
}

static Node *parse_brace_block(Parser *p) { return parse_block(p, false); }
static Node *parse_do_block(Parser *p) { return parse_block(p, true); }

/* -> (params) { body }  /  -> params do body end */
static Node *parse_lambda(Parser *p) {
  int line = p->tok.line, save = p->no_do;
  next(p);
  push_scope(p, 1);
  Scope *s = p->scope;
  Node *b = node(p, N_BLOCK, line);
  b->flags = NF_LAMBDA;
  if (at(p, T_LPAREN_CALL) || at(p, T_LPAREN_ARG) || at(p, T_LPAREN)) {
    next(p);
    b->params = parse_params(p, T_RPAREN, 0);
    expect(p, T_RPAREN, "')'");
  } else if (at(p, T_LBRACE) || at(p, K_DO)) {
    b->params = empty_params(p);
  } else {
    b->params = parse_params(p, T_LBRACE, 0);
  }
  p->no_do = 0;
  if (at(p, T_LBRACE)) {
    next(p);
    b->a = parse_stmts(p, "'}'");
    if (!at(p, T_RBRACE)) unexpected(p, "'}'");
  } else if (at(p, K_DO)) {
    next(p);
    b->a = parse_bodystmt(p, line);
    if (!at(p, K_END)) unexpected(p, "`end'");
  } else {
    unexpected(p, "'{' or `do'");
  }
  pop_scope(p);
  next(p);
  finish_block_params(p, b, s);
  p->no_do = save;
  return node1(p, N_LAMBDA, line, b);
}

/* ---- compound statements -------------------------------------------------------------- */

/* `then` / newline / `;` after a condition. */
static void parse_then(Parser *p) {
  int any = 0;
  while (is_term(p->tok.type)) {
    next(p);
    any = 1;
  }
  if (accept(p, K_THEN)) return;
  if (!any) unexpected(p, "`then' or ';' or '\\n'");
}

static void parse_do_or_term(Parser *p) {
  if (accept(p, K_DO)) return;
  if (!is_term(p->tok.type)) unexpected(p, "`do' or ';' or '\\n'");
  skip_terms(p);
}

/* The condition of if/unless/while/until: an expression; `do` is the loop's. */
static Node *parse_cond(Parser *p, int loop) {
  int save = p->no_do;
  if (loop) p->no_do = 1;
  Node *c = parse_expr(p);
  p->no_do = save;
  return c;
}

static Node *parse_if_rest(Parser *p, int line, int unless) {
  Node *cond = parse_cond(p, 0);
  parse_then(p);
  Node *n = node(p, N_IF, line);
  n->a = cond;
  Node *body = parse_stmts(p, "`end'");
  Node *els = NULL;
  if (!unless && at(p, K_ELSIF)) {
    int l = p->tok.line;
    next(p);
    els = parse_if_rest(p, l, 0);
    if (unless) n->b = els, n->c = body;
    else n->b = body, n->c = els;
    return n;
  }
  if (accept(p, K_ELSE)) els = parse_stmts(p, "`end'");
  expect(p, K_END, "`end'");
  if (unless) n->b = els, n->c = body;
  else n->b = body, n->c = els;
  return n;
}

/* Rescue clauses, else, ensure after a body; returns body itself when there are none. */
static Node *parse_bodystmt(Parser *p, int line) {
  Node *body = parse_stmts(p, "`end'");
  if (!at(p, K_RESCUE) && !at(p, K_ELSE) && !at(p, K_ENSURE)) return body;
  Node *n = node(p, N_BEGIN, line);
  n->a = body;
  Vec res = {0};
  while (at(p, K_RESCUE)) {
    int l = p->tok.line;
    next(p);
    Node *r = node(p, N_RESBODY, l);
    Args a = {0};
    while (!at(p, T_ASSOC) && !at(p, K_THEN) && !is_term(p->tok.type)) {
      int l2 = p->tok.line;
      if (accept(p, T_SPLAT) || accept(p, T_STAR)) vpush(p, &a.list, node1(p, N_SPLAT, l2, parse_arg(p)));
      else vpush(p, &a.list, parse_arg(p));
      if (!accept(p, T_COMMA)) break;
      skip_nl(p);
    }
    set_list(r, &a.list);
    if (accept(p, T_ASSOC)) r->c = to_target(p, parse_primary_postfix(p, PF_NOASGN));
    parse_then(p);
    r->b = parse_stmts(p, "`end'");
    vpush(p, &res, r);
  }
  set_list(n, &res);
  if (at(p, K_ELSE)) {
    next(p);
    n->c = parse_stmts(p, "`end'");
  }
  if (accept(p, K_ENSURE)) n->b = parse_stmts(p, "`end'");
  return n;
}

/* ---- patterns (case/in) --------------------------------------------------------------- */
static Node *parse_pattern(Parser *p);
static Node *parse_pattern_top(Parser *p, int closer);

static Node *pbind(Parser *p, const char *name, int line) {
  Node *n = node(p, N_PBIND, line);
  n->str = name;
  declare(p, name);
  return n;
}

/* *name or * inside an array pattern (the cursor is on the star). */
static Node *parse_psplat(Parser *p) {
  Node *n = node(p, N_PSPLAT, p->tok.line);
  next(p);
  if (at(p, T_IDENT)) {
    n->str = tok_name(p);
    declare(p, n->str);
    next(p);
  }
  return n;
}

static int at_star(Parser *p) { return at(p, T_SPLAT) || at(p, T_STAR); }

/* Elements of an array pattern up to closer (not consumed). */
static Node *parse_parray_body(Parser *p, int closer, Node *first, int line) {
  Node *n = node(p, N_PARRAY, line);
  Vec v = {0};
  if (first) vpush(p, &v, first);
  for (;;) {
    if (first) {
      if (!accept(p, T_COMMA)) break;
      skip_nl(p);
      if (at(p, closer) || (closer == 0 && (at(p, K_THEN) || is_term(p->tok.type) ||
                                             at(p, K_IF) || at(p, K_UNLESS)))) {
        /* trailing comma: an implicit anonymous rest */
        vpush(p, &v, node(p, N_PSPLAT, p->tok.line));
        break;
      }
    }
    if (closer && at(p, closer)) break;
    vpush(p, &v, at_star(p) ? parse_psplat(p) : parse_pattern(p));
    first = v.v[0];
  }
  set_list(n, &v);
  return n;
}

/* Does a hash pattern start here (label, "str": or **)? */
static int at_phash(Parser *p) {
  return at(p, T_LABEL) || at(p, T_DSTAR) || at(p, T_POW) ||
         (at(p, T_STRING_BEG) && p->tok.aux == SK_STR && 0);
}

/* Pairs of a hash pattern up to closer (not consumed). */
static Node *parse_phash_body(Parser *p, int closer, int line) {
  Node *n = node(p, N_PHASH, line);
  Vec v = {0};
  skip_nl(p);
  while (!(closer && at(p, closer))) {
    int l = p->tok.line;
    if (at(p, T_DSTAR) || at(p, T_POW)) {
      next(p);
      if (accept(p, K_NIL)) {
        n->flags |= NF_NIL_REST;
      } else {
        Node *r = node(p, N_PSPLAT, l);
        if (at(p, T_IDENT)) {
          r->str = tok_name(p);
          declare(p, r->str);
          next(p);
        }
        n->a = r;
      }
    } else if (at(p, T_LABEL) || at(p, T_STRING_BEG)) {
      Node *k;
      if (at(p, T_LABEL)) {
        k = node(p, N_SYM, l);
        k->str = tok_name(p);
        k->len = p->tok.len;
        next(p);
      } else {
        p->label_key = NULL;
        k = parse_string(p);
        if (p->label_key != k || k->kind != N_SYM) unexpected(p, "label");
      }
      Node *val = NULL;
      skip_nl(p);
      if (!(at(p, T_COMMA) || (closer && at(p, closer)) || at(p, K_THEN) || is_term(p->tok.type) ||
            at(p, K_IF) || at(p, K_UNLESS)))
        val = parse_pattern(p);
      else
        declare(p, k->str);
      vpush(p, &v, pair_node(p, k, val, l));
    } else {
      unexpected(p, "label");
    }
    if (closer) skip_nl(p);
    if (!accept(p, T_COMMA)) break;
    skip_nl(p);
  }
  set_list(n, &v);
  return n;
}

/* A constant path in a pattern: Foo, ::Foo, Foo::Bar. */
static Node *parse_pconst(Parser *p) {
  int line = p->tok.line;
  Node *n;
  if (accept(p, T_COLON3)) {
    n = node(p, N_COLON3, line);
  } else {
    n = node(p, N_CONST, line);
  }
  if (!at(p, T_CONST)) unexpected(p, "constant");
  n->str = tok_name(p);
  next(p);
  while (at(p, T_COLON2)) {
    next(p);
    if (!at(p, T_CONST)) unexpected(p, "constant");
    Node *c = node(p, N_COLON2, line);
    c->a = n;
    c->str = tok_name(p);
    next(p);
    n = c;
  }
  return n;
}

/* A value pattern operand: a primary without binary operators, maybe a range. */
static Node *pvalue_with_range(Parser *p, Node *lo, int line) {
  if (at(p, T_DOT2) || at(p, T_DOT3)) {
    Node *r = node(p, N_RANGE, line);
    if (at(p, T_DOT3)) r->flags |= NF_EXCL;
    next(p);
    r->a = lo;
    if (!(at(p, T_COMMA) || at(p, T_RBRACK) || at(p, T_RPAREN) || at(p, T_RBRACE) ||
          at(p, K_THEN) || is_term(p->tok.type) || at(p, T_PIPE) || at(p, K_IF) ||
          at(p, K_UNLESS) || at(p, T_ASSOC)))
      r->b = parse_unary(p);
    lo = r;
  }
  return node1(p, N_PVALUE, line, lo);
}

static Node *parse_pattern_primary(Parser *p) {
  int line = p->tok.line;
  switch (p->tok.type) {
  case T_LBRACK: case T_LBRACK_INDEX: {
    next(p);
    skip_nl(p);
    Node *n = parse_parray_body(p, T_RBRACK, NULL, line);
    skip_nl(p);
    expect(p, T_RBRACK, "']'");
    return n;
  }
  case T_LBRACE: {
    next(p);
    Node *n = parse_phash_body(p, T_RBRACE, line);
    skip_nl(p);
    expect(p, T_RBRACE, "'}'");
    return n;
  }
  case T_LPAREN: case T_LPAREN_ARG: case T_LPAREN_CALL: {
    next(p);
    Node *n = parse_pattern(p);
    expect(p, T_RPAREN, "')'");
    return n;
  }
  case T_CARET: {
    next(p);
    Node *e;
    if (at(p, T_LPAREN) || at(p, T_LPAREN_CALL) || at(p, T_LPAREN_ARG)) {
      next(p);
      e = parse_expr(p);
      expect(p, T_RPAREN, "')'");
    } else if (at(p, T_IDENT) || at(p, T_IVAR) || at(p, T_GVAR) || at(p, T_CVAR)) {
      e = parse_primary(p, 0);
    } else {
      unexpected(p, NULL);
    }
    return node1(p, N_PVALUE, line, e);
  }
  case T_IDENT:
    if (!lookup_local(p, p->tok.str, p->tok.len) || 1) {
      const char *name = tok_name(p);
      next(p);
      return pbind(p, name, line);
    }
    break;
  case T_CONST: case T_COLON3: {
    Node *c = parse_pconst(p);
    if (at(p, T_LPAREN_CALL) || at(p, T_LBRACK_INDEX)) {
      int close = at(p, T_LPAREN_CALL) ? T_RPAREN : T_RBRACK;
      next(p);
      skip_nl(p);
      Node *n = at_phash(p) ? parse_phash_body(p, close, line) : parse_parray_body(p, close, NULL, line);
      skip_nl(p);
      expect(p, close, close == T_RPAREN ? "')'" : "']'");
      n->c = c;
      return n;
    }
    return pvalue_with_range(p, c, line);
  }
  case T_BDOT2: case T_BDOT3: {
    Node *r = node(p, N_RANGE, line);
    if (at(p, T_BDOT3)) r->flags |= NF_EXCL;
    next(p);
    r->b = parse_unary(p);
    return node1(p, N_PVALUE, line, r);
  }
  default:
    break;
  }
  return pvalue_with_range(p, parse_unary(p), line);
}

/* alternatives and `=> name` */
static Node *parse_pattern(Parser *p) {
  int line = p->tok.line;
  Node *n = parse_pattern_primary(p);
  while (at(p, T_PIPE)) {
    next(p);
    Node *alt = node(p, N_PALT, line);
    alt->a = n;
    alt->b = parse_pattern_primary(p);
    n = alt;
  }
  while (at(p, T_ASSOC)) {
    next(p);
    if (!at(p, T_IDENT)) unexpected(p, "local variable");
    Node *c = node(p, N_PCAPTURE, line);
    c->a = n;
    c->str = tok_name(p);
    declare(p, c->str);
    next(p);
    n = c;
  }
  return n;
}

/* The top of an `in` clause: bracketless array patterns and braceless hash patterns too. */
static Node *parse_pattern_top(Parser *p, int closer) {
  int line = p->tok.line;
  if (at_phash(p)) return parse_phash_body(p, closer, line);
  if (at_star(p)) return parse_parray_body(p, closer, parse_psplat(p), line);
  Node *first = parse_pattern(p);
  if (at(p, T_COMMA)) return parse_parray_body(p, closer, first, line);
  return first;
}

static Node *parse_case_in(Parser *p, Node *n) {
  n->kind = N_CASE_IN;
  Vec ins = {0};
  while (at(p, K_IN)) {
    int l = p->tok.line;
    p->lx.label_ok = 1;
    next(p);
    Node *in = node(p, N_IN, l);
    in->a = parse_pattern_top(p, 0);
    if (at(p, K_IF) || at(p, K_UNLESS)) {
      if (at(p, K_UNLESS)) in->flags |= NF_UNLESS;
      next(p);
      in->c = parse_expr(p);
    }
    parse_then(p);
    in->b = parse_stmts(p, "`end'");
    vpush(p, &ins, in);
  }
  set_list(n, &ins);
  if (accept(p, K_ELSE)) n->c = parse_stmts(p, "`end'");
  expect(p, K_END, "`end'");
  return n;
}

static Node *parse_case(Parser *p, int line) {
  Node *n = node(p, N_CASE, line);
  if (!is_term(p->tok.type) && !at(p, K_WHEN)) {
    int save = p->no_in;
    p->no_in = 1;
    n->a = parse_expr(p);
    p->no_in = save;
  }
  skip_terms(p);
  Vec whens = {0};
  if (at(p, K_IN)) return parse_case_in(p, n);
  while (at(p, K_WHEN)) {
    int l = p->tok.line;
    next(p);
    Node *w = node(p, N_WHEN, l);
    Args a = {0};
    for (;;) {
      parse_one_arg(p, &a, 0);
      if (!accept(p, T_COMMA)) break;
      skip_nl(p);
    }
    set_list(w, &a.list);
    parse_then(p);
    w->b = parse_stmts(p, "`end'");
    vpush(p, &whens, w);
  }
  if (!whens.n) unexpected(p, "`when'");
  set_list(n, &whens);
  if (accept(p, K_ELSE)) n->c = parse_stmts(p, "`end'");
  expect(p, K_END, "`end'");
  return n;
}

/* A multiple-assignment target list item (no binary operators, no command args). */
static Node *parse_mlhs_item(Parser *p);

static Node *parse_mlhs_paren(Parser *p, int line) {
  Node *m = node(p, N_MLHS, line);
  Vec v = {0};
  while (!at(p, T_RPAREN)) {
    vpush(p, &v, parse_mlhs_item(p));
    if (!accept(p, T_COMMA)) break;
  }
  expect(p, T_RPAREN, "')'");
  set_list(m, &v);
  return m;
}

static Node *parse_mlhs_item(Parser *p) {
  int line = p->tok.line;
  if (accept(p, T_SPLAT) || accept(p, T_STAR)) {
    Node *s = node(p, N_SPLAT, line);
    if (!at(p, T_COMMA) && !at(p, T_RPAREN) && !at(p, T_ASSIGN) && !at(p, K_IN) &&
        !at(p, T_PIPE))
      s->a = to_target(p, parse_primary_postfix(p, PF_NOASGN));
    return s;
  }
  if (accept(p, T_LPAREN) || accept(p, T_LPAREN_ARG)) return parse_mlhs_paren(p, line);
  Node *e = parse_primary_postfix(p, PF_NOASGN);
  if (!is_assignable(e) && e->kind != N_MLHS) unexpected(p, NULL);
  return to_target(p, e);
}

static Node *parse_for(Parser *p, int line) {
  Node *n = node(p, N_FOR, line);
  Vec v = {0};
  for (;;) {
    vpush(p, &v, parse_mlhs_item(p));
    if (!accept(p, T_COMMA)) break;
  }
  if (v.n == 1 && v.v[0]->kind != N_SPLAT) {
    n->c = v.v[0];
  } else {
    n->c = node(p, N_MLHS, line);
    set_list(n->c, &v);
  }
  expect(p, K_IN, "`in'");
  n->a = parse_cond(p, 1);
  parse_do_or_term(p);
  n->b = parse_stmts(p, "`end'");
  expect(p, K_END, "`end'");
  return n;
}

/* class/module path: Foo, ::Foo, A::B::C */
static Node *parse_cpath(Parser *p) {
  int line = p->tok.line;
  Node *n;
  if (accept(p, T_COLON3)) {
    if (!at(p, T_CONST)) unexpected(p, "constant");
    n = node(p, N_COLON3, line);
    n->str = tok_name(p);
    next(p);
  } else if (at(p, T_CONST)) {
    n = node(p, N_CONST, line);
    n->str = tok_name(p);
    next(p);
  } else {
    /* `class expr::Name`: any primary as the scope */
    n = parse_primary(p, 0);
    if (!at(p, T_COLON2)) kn_lex_error(&p->lx, line, "class/module name must be CONSTANT");
  }
  while (at(p, T_COLON2)) {
    next(p);
    if (!at(p, T_CONST)) unexpected(p, "constant");
    Node *c = node(p, N_COLON2, line);
    c->a = n;
    c->str = tok_name(p);
    next(p);
    n = c;
  }
  return n;
}

static Node *parse_class(Parser *p, int line) {
  if (accept(p, T_LSHFT)) {
    Node *n = node(p, N_SCLASS, line);
    n->c = parse_expr(p);
    skip_terms(p);
    push_scope(p, 0);
    n->a = parse_bodystmt(p, line);
    if (!at(p, K_END)) unexpected(p, "`end'");
    pop_scope(p);
    next(p);
    return n;
  }
  Node *n = node(p, N_CLASS, line);
  n->b = parse_cpath(p);
  if (accept(p, T_LT)) n->c = parse_expr(p);
  skip_terms(p);
  push_scope(p, 0);
  n->a = parse_bodystmt(p, line);
  if (!at(p, K_END)) unexpected(p, "`end'");
  pop_scope(p);
  next(p);
  return n;
}

static Node *parse_module(Parser *p, int line) {
  Node *n = node(p, N_MODULE, line);
  n->b = parse_cpath(p);
  skip_terms(p);
  push_scope(p, 0);
  n->a = parse_bodystmt(p, line);
  if (!at(p, K_END)) unexpected(p, "`end'");
  pop_scope(p);
  next(p);
  return n;
}

/* A method name token in FNAME state (after def, alias, undef, def x.). */
static int is_fname(int t) {
  return t == T_IDENT || t == T_FID || t == T_CONST || t == T_OPNAME;
}

static Params *parse_def_params(Parser *p, int closer) {
  int save = p->lx.in_kwarg;
  if (closer == T_NL) p->lx.in_kwarg = 1;
  Params *ps = parse_params(p, closer, 0);
  p->lx.in_kwarg = save;
  return ps;
}

static Node *parse_def_rest(Parser *p, int line, Node *singleton, const char *nm);

static Node *parse_def(Parser *p, int line) {
  /* the lexer is in FNAME state: the name token is current */
  Node *singleton = NULL;
  if (at(p, T_LPAREN) || at(p, T_LPAREN_ARG) || at(p, T_LPAREN_CALL)) {
    /* def (expr).name */
    next(p);
    singleton = parse_expr(p);
    if (!at(p, T_RPAREN)) unexpected(p, "')'");
    next(p);
    if (!at(p, T_DOT)) unexpected(p, "'.'");
    p->lx.state = ST_FNAME;
    next(p);
    if (!is_fname(p->tok.type)) unexpected(p, NULL);
    const char *sn = tok_name(p);
    next(p);
    return parse_def_rest(p, line, singleton, sn);
  }
  if (!is_fname(p->tok.type) && !at(p, T_IVAR) && !at(p, T_GVAR) && !at(p, T_CVAR))
    unexpected(p, NULL);
  Token name = p->tok;
  const char *nm = tok_name(p);
  if (name.type == T_IDENT || name.type == T_CONST) {
    /* maybe `def self.x` / `def obj.x`: peek at the next token */
    next(p);
    if (at(p, T_DOT)) {
      if (strcmp(nm, "self") == 0) {
        singleton = node(p, N_SELF, line);
      } else if (name.type == T_CONST) {
        singleton = node(p, N_CONST, line);
        singleton->str = nm;
      } else if (lookup_local(p, nm, strlen(nm))) {
        singleton = node(p, N_LVAR, line);
        singleton->str = nm;
      } else {
        singleton = node(p, N_CALL, line);
        singleton->str = nm;
        singleton->flags = NF_VCALL;
      }
      p->lx.state = ST_FNAME;
      next(p);
      if (!is_fname(p->tok.type)) unexpected(p, NULL);
      nm = tok_name(p);
      next(p);
    } else if (name.type == T_IDENT && p->lx.state != ST_ENDFN) {
      /* `def self` followed by something else: fine, the name was read */
    }
  } else {
    next(p);
  }
  return parse_def_rest(p, line, singleton, nm);
}

/* The parameters and body of a def whose name (and singleton) have been read. */
static Node *parse_def_rest(Parser *p, int line, Node *singleton, const char *nm) {
  Node *n = node(p, singleton ? N_SDEF : N_DEF, line);
  n->c = singleton;
  n->str = nm;
  push_scope(p, 0);
  int save_do = p->no_do, save_ps = p->paren_stmts;
  p->no_do = 0;
  p->paren_stmts = 0;
  if (at(p, T_LPAREN_CALL) || at(p, T_LPAREN_ARG) || at(p, T_LPAREN)) {
    next(p);
    skip_nl(p);
    n->params = parse_def_params(p, T_RPAREN);
    expect(p, T_RPAREN, "')'");
  } else if (is_term(p->tok.type) || at(p, T_ASSIGN)) {
    n->params = empty_params(p);
  } else {
    n->params = parse_def_params(p, T_NL);
  }
  if (at(p, T_ASSIGN)) {   /* endless def */
    next(p);
    skip_nl(p);
    Node *body = parse_arg(p);
    if (at(p, K_RESCUE)) {
      int l = p->tok.line;
      next(p);
      Node *b = node(p, N_BEGIN, l);
      b->a = body;
      Node *r = node(p, N_RESBODY, l);
      r->b = parse_arg(p);
      Vec v = {0};
      vpush(p, &v, r);
      set_list(b, &v);
      body = b;
    }
    n->a = body;
    pop_scope(p);
  } else {
    n->a = parse_bodystmt(p, line);
    if (!at(p, K_END)) unexpected(p, "`end'");
    pop_scope(p);
    next(p);
  }
  p->no_do = save_do;
  p->paren_stmts = save_ps;
  return n;
}

/* A name for alias/undef: method names and symbols. */
static Node *parse_method_name_sym(Parser *p) {
  int line = p->tok.line;
  if (at(p, T_STRING_BEG) && p->tok.aux == SK_SYM) return parse_string(p);
  if (!is_fname(p->tok.type) && !at(p, T_SYMBOL)) unexpected(p, NULL);
  Node *n = node(p, N_SYM, line);
  n->str = at(p, T_SYMBOL) || at(p, T_OPNAME) ? p->tok.str : tok_name(p);
  n->len = strlen(n->str);
  next(p);
  return n;
}

static Node *parse_alias(Parser *p, int line) {
  if (at(p, T_GVAR) || at(p, T_NTH_REF)) {
    Node *n = node(p, N_VALIAS, line);
    n->str = tok_name(p);
    p->lx.state = ST_FNAME;
    next(p);
    if (!at(p, T_GVAR) && !at(p, T_NTH_REF)) unexpected(p, "global variable");
    n->str2 = tok_name(p);
    next(p);
    return n;
  }
  Node *n = node(p, N_ALIAS, line);
  if (at(p, T_STRING_BEG) && p->tok.aux == SK_SYM) {
    /* :"name": read the parts here so FNAME is set before the next name is lexed */
    next(p);
    Vec parts = {0};
    string_parts(p, &parts, 0);
    n->a = finish_string(p, &parts, N_SYM, N_DSYM, line);
    p->lx.state = ST_FNAME;
    next(p);
  } else {
    if (!is_fname(p->tok.type) && !at(p, T_SYMBOL)) unexpected(p, NULL);
    n->a = node(p, N_SYM, line);
    n->a->str = at(p, T_SYMBOL) || at(p, T_OPNAME) ? p->tok.str : tok_name(p);
    n->a->len = strlen(n->a->str);
    p->lx.state = ST_FNAME;
    next(p);
  }
  n->b = parse_method_name_sym(p);
  return n;
}

static Node *parse_undef(Parser *p, int line) {
  Node *n = node(p, N_UNDEF, line);
  Vec v = {0};
  for (;;) {
    vpush(p, &v, parse_method_name_sym(p));
    if (!at(p, T_COMMA)) break;
    p->lx.state = ST_FNAME;
    next(p);
  }
  set_list(n, &v);
  return n;
}

/* return/break/next value: none, one expression, or several (an array). */
static Node *parse_jump_value(Parser *p) {
  int line = p->tok.line;
  if (at(p, T_LBRACE)) return parse_hash_literal(p);
  if (!can_start_arg(p) || is_modifier(p->tok.type)) return NULL;
  Args a = {0};
  parse_command_args(p, &a);
  if (a.block_pass) unexpected(p, NULL);
  if (a.list.n == 1 && a.list.v[0]->kind != N_SPLAT) return a.list.v[0];
  Node *arr = node(p, N_ARRAY, line);
  set_list(arr, &a.list);
  return arr;
}

/* ---- primary expressions --------------------------------------------------------------- */

/* An identifier: a local variable, or a method call (with args/block if present). */
static Node *parse_identifier(Parser *p, int allow_cmd) {
  int line = p->tok.line, type = p->tok.type;
  const char *name = tok_name(p);
  size_t len = p->tok.len;
  next(p);
  if (type == T_IDENT && !at(p, T_LPAREN_CALL)) {
    if (lookup_local(p, name, len)) {
      Node *v = node(p, N_LVAR, line);
      v->str = name;
      return v;
    }
    Scope *bs = block_scope(p);
    if (is_numparam(name, len) && bs) {
      /* the numbered parameter belongs to the innermost block */
      int k = name[1] - '0';
      if (k > bs->numparam) bs->numparam = k;
      Node *v = node(p, N_LVAR, line);
      v->str = name;
      return v;
    }
  }
  Node *n = node(p, N_CALL, line);
  n->str = name;
  call_rest(p, n, allow_cmd);
  if (type == T_IDENT && !(n->flags & NF_PARENS) && !n->nlist && !n->b) n->flags |= NF_VCALL;
  return n;
}

static Node *parse_hash_literal(Parser *p) {
  int line = p->tok.line, save = p->no_do;
  next(p);
  p->no_do = 0;
  Node *h = node(p, N_HASH, line);
  Vec v = {0};
  skip_nl(p);
  while (!at(p, T_RBRACE)) {
    int l = p->tok.line;
    if (at(p, T_LABEL)) {
      const char *name = tok_name(p);
      Node *k = node(p, N_SYM, l);
      k->str = name;
      k->len = strlen(name);
      next(p);
      skip_nl(p);
      Node *val = value_omitted(p, T_RBRACE) ? label_value(p, name, l) : parse_arg(p);
      vpush(p, &v, pair_node(p, k, val, l));
    } else if (at(p, T_DSTAR) || at(p, T_POW)) {
      next(p);
      vpush(p, &v, node1(p, N_DSPLAT, l, parse_arg(p)));
    } else {
      p->label_key = NULL;
      Node *k = parse_arg(p);
      if (p->label_key != k) {
        skip_nl(p);
        expect(p, T_ASSOC, "=>");
      }
      p->label_key = NULL;
      skip_nl(p);
      vpush(p, &v, pair_node(p, k, parse_arg(p), l));
    }
    skip_nl(p);
    if (!accept(p, T_COMMA)) break;
    skip_nl(p);
  }
  if (!at(p, T_RBRACE)) unexpected(p, "'}'");
  next(p);
  p->no_do = save;
  set_list(h, &v);
  return h;
}

/* ( stmts ) -- also `()` (nil) and a nested mlhs `(a, b), c = ...`. */
static Node *parse_paren(Parser *p) {
  int line = p->tok.line, save = p->no_do, save_ps = p->paren_stmts;
  next(p);
  p->no_do = 0;
  p->paren_stmts = 1;
  Node *body = parse_stmts(p, "')'");
  p->no_do = save;
  p->paren_stmts = save_ps;
  if (!at(p, T_RPAREN)) unexpected(p, "')'");
  next(p);
  if (body->nlist == 0) return node(p, N_NIL, line);
  if (body->nlist == 1) {
    Node *e = body->list[0];
    if (e->kind == N_MLHS) return e;
    if (e->kind == N_CALL) e->flags &= ~NF_VCALL;  /* (foo) is still a call */
    if (e->kind == N_BEGIN && e->aux == 1) e->aux = 0;
    /* keep (x) distinct from x for `(a) = 1`? Ruby allows it; returning e is fine */
    return e;
  }
  return body;
}

static Node *parse_primary(Parser *p, int allow_cmd) {
  int line = p->tok.line;
  Node *n;
  switch (p->tok.type) {
  case T_INT: case T_FLOAT:
    n = number_node(p, &p->tok);
    next(p);
    return n;
  case T_CHAR:
    n = str_node(p, p->tok.str, p->tok.len, line);
    next(p);
    return n;
  case T_SYMBOL:
    n = node(p, N_SYM, line);
    n->str = p->tok.str;
    n->len = p->tok.len;
    next(p);
    return n;
  case T_STRING_BEG:
    return parse_string(p);
  case T_IDENT: case T_FID:
    return parse_identifier(p, allow_cmd);
  case T_CONST: {
    const char *name = tok_name(p);
    next(p);
    if (at(p, T_LPAREN_CALL) ||
        (allow_cmd && at(p, T_STRING_BEG) && p->tok.spc)) {
      n = node(p, N_CALL, line);
      n->str = name;
      call_rest(p, n, allow_cmd);
      return n;
    }
    n = node(p, N_CONST, line);
    n->str = name;
    return n;
  }
  case T_IVAR: case T_GVAR: case T_CVAR:
    n = node(p, at(p, T_IVAR) ? N_IVAR : at(p, T_GVAR) ? N_GVAR : N_CVAR, line);
    n->str = tok_name(p);
    next(p);
    return n;
  case T_NTH_REF:
    n = node(p, N_NTH_REF, line);
    n->ival = p->tok.ival;
    next(p);
    return n;
  case T_LABEL:
    unexpected(p, NULL);
  case T_COLON3:
    next(p);
    if (!at(p, T_CONST)) unexpected(p, "constant");
    n = node(p, N_COLON3, line);
    n->str = tok_name(p);
    next(p);
    return n;
  case T_LBRACK: case T_LBRACK_INDEX: {
    next(p);
    n = node(p, N_ARRAY, line);
    Args a = {0};
    parse_paren_args(p, &a, T_RBRACK, "']'");
    if (a.block_pass) vpush(p, &a.list, a.block_pass);
    set_list(n, &a.list);
    return n;
  }
  case T_LBRACE:
    return parse_hash_literal(p);
  case T_LPAREN: case T_LPAREN_ARG: case T_LPAREN_CALL:
    return parse_paren(p);
  case T_LAMBDA:
    return parse_lambda(p);
  case T_BDOT2: case T_BDOT3: {   /* beginless range */
    n = node(p, N_RANGE, line);
    if (at(p, T_BDOT3)) n->flags |= NF_EXCL;
    next(p);
    n->b = parse_binary(p, 4);
    return n;
  }
  case K_NIL: next(p); return node(p, N_NIL, line);
  case K_TRUE: next(p); return node(p, N_TRUE, line);
  case K_FALSE: next(p); return node(p, N_FALSE, line);
  case K_SELF: next(p); return node(p, N_SELF, line);
  case K__FILE__:
    next(p);
    return str_node(p, p->file, strlen(p->file), line);
  case K__LINE__:
    next(p);
    n = node(p, N_INT, line);
    n->ival = line;
    return n;
  case K__ENCODING__:
    next(p);
    n = node(p, N_COLON2, line);
    n->a = node(p, N_CONST, line);
    n->a->str = "Encoding";
    n->str = "UTF_8";
    return n;
  case K_IF: next(p); return parse_if_rest(p, line, 0);
  case K_UNLESS: next(p); return parse_if_rest(p, line, 1);
  case K_WHILE: case K_UNTIL: {
    int until = at(p, K_UNTIL);
    next(p);
    n = node(p, until ? N_UNTIL : N_WHILE, line);
    n->a = parse_cond(p, 1);
    parse_do_or_term(p);
    n->b = parse_stmts(p, "`end'");
    expect(p, K_END, "`end'");
    return n;
  }
  case K_CASE: next(p); return parse_case(p, line);
  case K_FOR: next(p); return parse_for(p, line);
  case K_BEGIN: {
    next(p);
    int save = p->no_do, save_ps = p->paren_stmts;
    p->no_do = 0;
    p->paren_stmts = 0;
    Node *body = parse_bodystmt(p, line);
    p->no_do = save;
    p->paren_stmts = save_ps;
    expect(p, K_END, "`end'");
    if (body->kind == N_BEGIN && body->line == line && body->nlist + (body->b != NULL) +
                                                          (body->c != NULL) > 0) {
      body->aux = 1;
      return body;
    }
    n = node(p, N_BEGIN, line);
    n->a = body;
    n->aux = 1;
    return n;
  }
  case K_DEF: next(p); return parse_def(p, line);
  case K_CLASS: next(p); return parse_class(p, line);
  case K_MODULE: next(p); return parse_module(p, line);
  case K_RETURN: case K_BREAK: case K_NEXT: {
    NodeKind k = at(p, K_RETURN) ? N_RETURN : at(p, K_BREAK) ? N_BREAK : N_NEXT;
    next(p);
    return node1(p, k, line, parse_jump_value(p));
  }
  case K_REDO: next(p); return node(p, N_REDO, line);
  case K_RETRY: next(p); return node(p, N_RETRY, line);
  case K_YIELD: {
    next(p);
    n = node(p, N_YIELD, line);
    Args a = {0};
    if (at(p, T_LPAREN_CALL)) {
      next(p);
      parse_paren_args(p, &a, T_RPAREN, "')'");
    } else if (can_start_arg(p) && !is_modifier(p->tok.type)) {
      parse_command_args(p, &a);
    }
    args_to_node(p, n, &a);
    return n;
  }
  case K_SUPER: {
    next(p);
    if (at(p, T_LPAREN_CALL) || (can_start_arg(p) && !is_modifier(p->tok.type))) {
      n = node(p, N_SUPER, line);
      call_rest(p, n, 1);
      return n;
    }
    n = node(p, N_ZSUPER, line);
    if (at(p, T_LBRACE)) n->b = parse_brace_block(p);
    else if (at(p, K_DO) && !p->no_do) n->b = parse_do_block(p);
    return n;
  }
  case K_DEFINED: {
    next(p);
    Node *e;
    if (at(p, T_LPAREN_CALL) || at(p, T_LPAREN_ARG) || at(p, T_LPAREN)) {
      next(p);
      skip_nl(p);
      e = parse_expr(p);
      skip_nl(p);
      expect(p, T_RPAREN, "')'");
    } else {
      e = parse_arg(p);
    }
    return node1(p, N_DEFINED, line, e);
  }
  case K_NOT: {
    next(p);
    if (at(p, T_LPAREN_CALL) || at(p, T_LPAREN_ARG) || at(p, T_LPAREN)) {
      next(p);
      if (accept(p, T_RPAREN)) return node1(p, N_NOT, line, node(p, N_NIL, line));
      Node *e = parse_expr(p);
      expect(p, T_RPAREN, "')'");
      return node1(p, N_NOT, line, e);
    }
    return node1(p, N_NOT, line, parse_expr(p));
  }
  case K_END_UP: {
    next(p);
    if (!at(p, T_LBRACE)) unexpected(p, "'{'");
    n = node(p, N_CALL, line);
    n->str = "at_exit";
    n->b = parse_brace_block(p);
    return n;
  }
  case K_BEGIN_UP:
    kn_lex_error(&p->lx, line, "BEGIN is permitted only at toplevel");
  default:
    unexpected(p, NULL);
  }
}

/* A method name after `.` / `&.` / `::` (the cursor is on it). */
static const char *method_name_after_dot(Parser *p) {
  switch (p->tok.type) {
  case T_IDENT: case T_FID: case T_CONST:
    return tok_name(p);
  case T_OPNAME:
    return p->tok.str;
  default:
    if (p->tok.type >= K_ALIAS && p->tok.type <= K__ENCODING__) return tok_name(p);
    unexpected(p, NULL);
  }
}

/* Assignment or op-assignment after an assignable operand. */
static Node *parse_assignment(Parser *p, Node *lhs) {
  int line = lhs->line;
  if (at(p, T_ASSIGN)) {
    Node *t = to_target(p, lhs);
    next(p);
    skip_nl(p);
    Node *v;
    if (at(p, T_SPLAT) || at(p, T_STAR)) {
      int l = p->tok.line;
      next(p);
      Node *arr = node(p, N_ARRAY, l);
      Vec vv = {0};
      vpush(p, &vv, node1(p, N_SPLAT, l, parse_arg(p)));
      set_list(arr, &vv);
      v = arr;
    } else {
      v = parse_arg(p);
    }
    set_value(t, v);
    return t;
  }
  /* T_OP_ASGN */
  Node *n = node(p, N_OP_ASGN, line);
  n->a = to_read_target(p, lhs);
  n->str = p->tok.str;
  next(p);
  skip_nl(p);
  n->b = parse_arg(p);
  return n;
}

/* A primary with its postfix chain; then an assignment if `=` / `op=` follows. */
static Node *parse_primary_postfix(Parser *p, int flags) {
  int allow_cmd = flags & PF_CMD;
  Node *n = parse_primary(p, allow_cmd);
  for (;;) {
    int line = p->tok.line;
    if (at(p, T_DOT) || at(p, T_ANDDOT)) {
      int safe = at(p, T_ANDDOT);
      next(p);
      Node *c = node(p, N_CALL, line);
      c->a = n;
      if (safe) c->flags |= NF_SAFE_NAV;
      if (at(p, T_LPAREN_CALL)) {
        c->str = "call";
      } else {
        c->str = method_name_after_dot(p);
        next(p);
      }
      if (at(p, T_ASSIGN) || at(p, T_OP_ASGN)) {   /* a.b = v: handled below */
        n = c;
        break;
      }
      call_rest(p, c, allow_cmd);
      n = c;
    } else if (at(p, T_COLON2)) {
      next(p);
      if (at(p, T_CONST)) {
        const char *name = tok_name(p);
        next(p);
        if (at(p, T_LPAREN_CALL)) {
          Node *c = node(p, N_CALL, line);
          c->a = n;
          c->str = name;
          call_rest(p, c, allow_cmd);
          n = c;
        } else {
          Node *c = node(p, N_COLON2, line);
          c->a = n;
          c->str = name;
          n = c;
        }
      } else {
        Node *c = node(p, N_CALL, line);
        c->a = n;
        c->str = method_name_after_dot(p);
        next(p);
        if (at(p, T_ASSIGN) || at(p, T_OP_ASGN)) {
          n = c;
          break;
        }
        call_rest(p, c, allow_cmd);
        n = c;
      }
    } else if (at(p, T_LBRACK_INDEX)) {
      next(p);
      Node *c = node(p, N_CALL, line);
      c->a = n;
      c->str = "[]";
      Args a = {0};
      parse_paren_args(p, &a, T_RBRACK, "']'");
      args_to_node(p, c, &a);
      n = c;
    } else {
      break;
    }
  }
  if ((at(p, T_ASSIGN) || at(p, T_OP_ASGN)) && is_assignable(n) && !(flags & PF_NOASGN))
    return parse_assignment(p, n);
  return n;
}

/* ---- operators -------------------------------------------------------------------------- */
static int binop_prec(int t) {
  switch (t) {
  case T_OROP: return 4;
  case T_ANDOP: return 5;
  case T_CMP: case T_EQ: case T_EQQ: case T_NEQ: case T_MATCH: case T_NMATCH: return 7;
  case T_LT: case T_LEQ: case T_GT: case T_GEQ: return 8;
  case T_PIPE: case T_CARET: return 9;
  case T_AMP: return 10;
  case T_LSHFT: case T_RSHFT: return 11;
  case T_PLUS: case T_MINUS: return 12;
  case T_STAR: case T_DIV: case T_PERCENT: return 13;
  case T_POW: return 15;
  default: return -1;
  }
}

static const char *binop_name(int t) {
  switch (t) {
  case T_CMP: return "<=>"; case T_EQ: return "=="; case T_EQQ: return "===";
  case T_NEQ: return "!="; case T_MATCH: return "=~"; case T_NMATCH: return "!~";
  case T_LT: return "<"; case T_LEQ: return "<="; case T_GT: return ">"; case T_GEQ: return ">=";
  case T_PIPE: return "|"; case T_CARET: return "^"; case T_AMP: return "&";
  case T_LSHFT: return "<<"; case T_RSHFT: return ">>"; case T_PLUS: return "+";
  case T_MINUS: return "-"; case T_STAR: return "*"; case T_DIV: return "/";
  case T_PERCENT: return "%"; case T_POW: return "**";
  default: return "?";
  }
}

static Node *call2(Parser *p, Node *recv, const char *name, Node *arg, int line) {
  Node *c = node(p, N_CALL, line);
  c->a = recv;
  c->str = name;
  if (arg) {
    Vec v = {0};
    vpush(p, &v, arg);
    set_list(c, &v);
  }
  return c;
}

static Node *parse_binary(Parser *p, int min) {
  Node *l = parse_unary(p);
  for (;;) {
    int t = p->tok.type, prec = binop_prec(t);
    if (prec < 0 || prec < min) break;
    int line = p->tok.line;
    next(p);
    skip_nl(p);
    Node *r = parse_binary(p, t == T_POW ? prec : prec + 1);
    if (t == T_ANDOP || t == T_OROP) {
      Node *n = node(p, t == T_ANDOP ? N_AND : N_OR, line);
      n->a = l;
      n->b = r;
      l = n;
    } else {
      l = call2(p, l, binop_name(t), r, line);
    }
  }
  return l;
}

static Node *parse_unary(Parser *p) {
  int line = p->tok.line;
  switch (p->tok.type) {
  case T_BANG:
    next(p);
    return node1(p, N_NOT, line, parse_unary(p));
  case T_TILDE:
    next(p);
    return call2(p, parse_unary(p), "~", NULL, line);
  case T_UPLUS:
    next(p);
    return call2(p, parse_unary(p), "+@", NULL, line);
  case T_UMINUS: {
    next(p);
    Node *e = parse_binary(p, 15);
    return call2(p, e, "-@", NULL, line);
  }
  case T_INT: case T_FLOAT:
    if (p->tok.flags & TF_NEG) {
      Node *lit = parse_primary_postfix(p, 0);
      if (at(p, T_POW) && numeric_literal(lit)) {
        /* -2 ** 2 is -(2 ** 2) */
        negate_literal(lit);
        next(p);
        skip_nl(p);
        Node *r = parse_binary(p, 15);
        return call2(p, call2(p, lit, "**", r, line), "-@", NULL, line);
      }
      return lit;
    }
    return parse_primary_postfix(p, PF_CMD);
  default:
    return parse_primary_postfix(p, PF_CMD);
  }
}

static Node *parse_range(Parser *p) {
  Node *l = parse_binary(p, 4);
  if (at(p, T_DOT2) || at(p, T_DOT3)) {
    int line = p->tok.line, excl = at(p, T_DOT3);
    next(p);
    Node *n = node(p, N_RANGE, line);
    n->a = l;
    if (excl) n->flags |= NF_EXCL;
    if (can_start_expr(p) && !at(p, K_THEN)) n->b = parse_binary(p, 4);
    return n;
  }
  return l;
}

static Node *parse_ternary(Parser *p) {
  Node *c = parse_range(p);
  if (!at(p, T_QMARK)) return c;
  int line = p->tok.line;
  next(p);
  skip_nl(p);
  Node *n = node(p, N_IF, line);
  n->a = c;
  if (at(p, T_LABEL)) {
    /* `c ? x: y` lexed x: as a label */
    const char *name = tok_name(p);
    int l = p->tok.line;
    next(p);
    if (lookup_local(p, name, strlen(name))) {
      n->b = node(p, N_LVAR, l);
    } else {
      n->b = node(p, N_CALL, l);
      n->b->flags = NF_VCALL;
    }
    n->b->str = name;
  } else {
    n->b = parse_ternary(p);
    skip_nl(p);
    expect(p, T_COLON, "':'");
  }
  skip_nl(p);
  n->c = parse_ternary(p);
  return n;
}

static Node *parse_arg(Parser *p) {
  Node *n = parse_ternary(p);
  return n;
}

/* ---- statements --------------------------------------------------------------------- */

/* not / and / or */
static Node *parse_not_expr(Parser *p) {
  if (at(p, K_NOT)) {
    int line = p->tok.line;
    next(p);
    return node1(p, N_NOT, line, parse_not_expr(p));
  }
  return parse_arg(p);
}

static Node *parse_expr(Parser *p) {
  Node *l = parse_not_expr(p);
  if (at(p, K_IN) && !p->no_in) {   /* `v in pattern` */
    Node *m = node(p, N_MATCH_P, l->line);
    p->lx.label_ok = 1;
    next(p);
    m->a = l;
    m->b = parse_pattern_top(p, 0);
    l = m;
  }
  while (at(p, K_AND) || at(p, K_OR)) {
    int line = p->tok.line, and = at(p, K_AND);
    next(p);
    skip_nl(p);
    Node *n = node(p, and ? N_AND : N_OR, line);
    n->a = l;
    n->b = parse_not_expr(p);
    l = n;
  }
  return l;
}

/* Right side of a multiple assignment: `a, b = 1, *c` or `a, b = f`. */
static Node *parse_mrhs(Parser *p) {
  int line = p->tok.line;
  Args a = {0};
  if (!at(p, T_SPLAT) && !at(p, T_STAR)) {
    Node *first = parse_arg(p);
    if (!at(p, T_COMMA)) return first;
    vpush(p, &a.list, first);
    next(p);
    skip_nl(p);
  }
  for (;;) {
    parse_one_arg(p, &a, 0);
    if (!accept(p, T_COMMA)) break;
    skip_nl(p);
  }
  Node *arr = node(p, N_ARRAY, line);
  arr->flags = NF_MRHS;
  args_to_node(p, arr, &a);
  return arr;
}

/* Multiple assignment; first is the already parsed first target (NULL if it is a splat). */
static Node *parse_masgn(Parser *p, Node *first, int line) {
  Vec v = {0};
  if (first) {
    vpush(p, &v, to_target(p, first));
    if (!accept(p, T_COMMA) && !at(p, T_ASSIGN)) unexpected(p, NULL);
  }
  while (!at(p, T_ASSIGN) && !(at(p, T_RPAREN) && p->paren_stmts)) {
    vpush(p, &v, parse_mlhs_item(p));
    if (!accept(p, T_COMMA)) break;
  }
  if (!at(p, T_ASSIGN)) {
    if (at(p, T_RPAREN) && p->paren_stmts) {
      Node *m = node(p, N_MLHS, line);
      set_list(m, &v);
      return m;
    }
    unexpected(p, "'='");
  }
  next(p);
  skip_nl(p);
  Node *n = node(p, N_MASGN, line);
  set_list(n, &v);
  n->a = parse_mrhs(p);
  return n;
}

static Node *parse_expr_stmt(Parser *p) {
  int line = p->tok.line;
  if (at(p, T_SPLAT) || at(p, T_STAR)) return parse_masgn(p, NULL, line);
  Node *n = parse_expr(p);
  if (at(p, T_COMMA)) {
    if (is_assignable(n) || n->kind == N_MLHS || n->kind == N_SPLAT) return parse_masgn(p, n, line);
    if (is_single_asgn(n) && n->kind != N_OP_ASGN) {
      /* x = 1, 2  ->  x = [1, 2] */
      Node *v = n->kind == N_ATTRASGN ? n->b : n->a;
      Args a = {0};
      vpush(p, &a.list, v);
      next(p);
      skip_nl(p);
      for (;;) {
        parse_one_arg(p, &a, 0);
        if (!accept(p, T_COMMA)) break;
        skip_nl(p);
      }
      Node *arr = node(p, N_ARRAY, line);
      args_to_node(p, arr, &a);
      set_value(n, arr);
    }
  } else if (at(p, T_ASSOC) || at(p, K_IN)) {
    /* one-line pattern matching: `expr => pattern` (raises) / `expr in pattern` */
    Node *m = node(p, N_MATCH_P, line);
    if (at(p, T_ASSOC)) m->flags |= NF_RAISE;
    p->lx.label_ok = 1;
    next(p);
    m->a = n;
    m->b = parse_pattern_top(p, 0);
    return m;
  } else if (n->kind == N_MLHS && at(p, T_ASSIGN)) {
    next(p);
    skip_nl(p);
    Node *m = node(p, N_MASGN, line);
    Vec v = {0};
    vpush(p, &v, n);
    set_list(m, &v);
    m->a = parse_mrhs(p);
    return m;
  }
  return n;
}

static Node *rescue_mod(Parser *p, Node *body, Node *rescue, int line) {
  Node *b = node(p, N_BEGIN, line);
  b->a = body;
  Node *r = node(p, N_RESBODY, line);
  r->b = rescue;
  Vec v = {0};
  vpush(p, &v, r);
  set_list(b, &v);
  return b;
}

/* Is n the value of an assignment statement whose value a rescue modifier should wrap? */
static int rescue_wraps_value(const Node *n) {
  return is_single_asgn(n) || n->kind == N_MASGN;
}

static Node *parse_stmt(Parser *p) {
  int line = p->tok.line;
  Node *n;
  if (accept(p, K_ALIAS)) {
    n = parse_alias(p, line);
  } else if (accept(p, K_UNDEF)) {
    n = parse_undef(p, line);
  } else if (at(p, K_BEGIN_UP)) {
    next(p);
    if (!at(p, T_LBRACE)) unexpected(p, "'{'");
    next(p);
    n = parse_stmts(p, "'}'");
    expect(p, T_RBRACE, "'}'");
  } else {
    n = parse_expr_stmt(p);
  }
  for (;;) {
    int l = p->tok.line, t = p->tok.type;
    if (t == K_IF || t == K_UNLESS) {
      next(p);
      Node *c = node(p, N_IF, l);
      c->a = parse_expr(p);
      if (t == K_IF) c->b = n;
      else c->c = n;
      n = c;
    } else if (t == K_WHILE || t == K_UNTIL) {
      next(p);
      Node *w = node(p, t == K_WHILE ? N_WHILE : N_UNTIL, l);
      w->a = parse_expr(p);
      w->b = n;
      if (n->kind == N_BEGIN && n->aux == 1) w->flags |= NF_DO_WHILE;
      n = w;
    } else if (t == K_RESCUE) {
      next(p);
      Node *r = parse_expr(p);
      if (rescue_wraps_value(n)) {
        if (n->kind == N_OP_ASGN) n->b = rescue_mod(p, n->b, r, l);
        else if (n->kind == N_ATTRASGN) n->b = rescue_mod(p, n->b, r, l);
        else n->a = rescue_mod(p, n->a, r, l);
      } else {
        n = rescue_mod(p, n, r, l);
      }
    } else {
      break;
    }
  }
  return n;
}

static int ends_stmts(int t) {
  switch (t) {
  case T_EOF: case K_END: case K_ELSE: case K_ELSIF: case K_WHEN: case K_IN: case K_RESCUE:
  case K_ENSURE: case T_RBRACE: case T_RPAREN: case T_STRING_DEND: case K_THEN:
    return 1;
  default:
    return 0;
  }
}

/* Statements up to a token that ends a body (not consumed). `expect` names the closer for
 * error messages. Always returns an N_SEQ. */
static Node *parse_stmts(Parser *p, const char *expect_desc) {
  Node *seq = node(p, N_SEQ, p->tok.line);
  Vec v = {0};
  skip_terms(p);
  while (!ends_stmts(p->tok.type)) {
    vpush(p, &v, parse_stmt(p));
    if (is_term(p->tok.type)) {
      skip_terms(p);
      continue;
    }
    if (!ends_stmts(p->tok.type)) unexpected(p, expect_desc);
  }
  set_list(seq, &v);
  return seq;
}

/* ---- entry points ------------------------------------------------------------------- */

/* Does a comment line among the leading comments say `frozen_string_literal: true`? */
static int magic_frozen_literal(const char *s, size_t len) {
  const char *p = s, *end = s + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    const char *q = p;
    while (q < le && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
    if (q < le && *q != '#') return 0;   /* code: magic comments must come first */
    for (const char *k = q; k + 21 <= le; k++) {
      if (strncasecmp(k, "frozen_string_literal", 21) != 0 && strncasecmp(k, "frozen-string-literal", 21) != 0)
        continue;
      k += 21;
      while (k < le && (*k == ' ' || *k == '\t')) k++;
      if (k >= le || *k != ':') break;
      k++;
      while (k < le && (*k == ' ' || *k == '\t')) k++;
      return le - k >= 4 && strncasecmp(k, "true", 4) == 0;
    }
    p = nl ? nl + 1 : end;
  }
  return 0;
}
int kn_parse(const char *src, size_t len, const char *file, int line,
             const char *const *locals, int nlocals, ParseResult *out) {
  memset(out, 0, sizeof *out);
  Parser *p = calloc(1, sizeof(Parser));
  KnArena *arena = kn_arena_new();
  if (!p || !arena) {
    free(p);
    kn_arena_free(arena);
    out->error = strdup("out of memory while parsing");
    return -1;
  }
  jmp_buf jb;
  p->arena = arena;
  p->file = file;
  out->arena = arena;
  kn_lex_init(&p->lx, src, len, file, line, arena, &jb);
  p->lx.is_local = lexer_is_local;
  p->lx.ud = p;
  kn_arena_set_oom(arena, &jb);
  if (setjmp(jb)) {
    out->error = p->lx.error ? p->lx.error : strdup("syntax error");
    out->error_line = p->lx.error_line;
    out->root = NULL;
    kn_lex_free(&p->lx);
    free(p);
    return -1;
  }
  push_scope(p, 0);
  for (int i = 0; i < nlocals; i++) declare(p, kn_arena_strndup(arena, locals[i], strlen(locals[i])));
  next(p);
  Node *root = parse_stmts(p, "end-of-input");
  if (!at(p, T_EOF)) unexpected(p, "end-of-input");
  root->aux = magic_frozen_literal(src, len);
  out->root = root;
  kn_lex_free(&p->lx);
  free(p->lx.error);
  free(p);
  return 0;
}

void kn_parse_free(ParseResult *res) {
  kn_arena_free(res->arena);
  free(res->error);
  res->arena = NULL;
  res->error = NULL;
  res->root = NULL;
}
