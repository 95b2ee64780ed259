/* lexer.h -- internal interface shared by the files of src/parse/: the parse arena
 * (arena.c), the Ruby tokenizer (lexer.c) and its token kinds, used by parser.c.
 * Nothing here is visible outside src/parse/; the public contract is node.h. */
#ifndef KN_LEXER_H
#define KN_LEXER_H

#include <setjmp.h>
#include <stddef.h>
#include "node.h"

/* ---- arena: every node and string of one parse, freed at once -------------------- */

/* Returns a new empty arena, or NULL when out of memory. */
KnArena *kn_arena_new(void);
/* Returns n zeroed bytes aligned for any type; longjmps via *oom (if set) when out of
 * memory, so callers never see NULL. */
void *kn_arena_alloc(KnArena *a, size_t n);
/* Copies s[0..n) into the arena and NUL-terminates it. */
char *kn_arena_strndup(KnArena *a, const char *s, size_t n);
/* Frees the arena and everything allocated from it (NULL is fine). */
void kn_arena_free(KnArena *a);
/* Where kn_arena_alloc jumps on out-of-memory (NULL: abort()). */
void kn_arena_set_oom(KnArena *a, jmp_buf *jb);

/* ---- tokens ----------------------------------------------------------------------- */

/* Token kinds. Operators are named after their spelling; T_SPLAT/T_DSTAR/T_AMPER are the
 * prefix forms of * ** & (the lexer decides from its state and spacing, as CRuby does). */
enum {
  T_EOF, T_NL, T_SEMI,
  T_INT, T_FLOAT, T_CHAR, T_SYMBOL,
  T_IDENT, T_FID, T_CONST, T_IVAR, T_CVAR, T_GVAR, T_NTH_REF, T_LABEL,
  T_OPNAME,          /* operator method name after def / . / :: / alias ("+", "[]=", "-@") */
  T_STRING_BEG,      /* aux = SK_* */
  T_STRING_CONTENT,  /* str,len = processed bytes */
  T_STRING_DBEG,     /* #{ */
  T_STRING_DEND,     /* the } closing #{ */
  T_STRING_DVAR,     /* #@x #@@x #$x: str = variable name, aux = N_IVAR/N_CVAR/N_GVAR/N_NTH_REF */
  T_STRING_END,      /* aux = regexp options for SK_REGEX */
  T_LABEL_END,       /* "str": closing a string used as a hash key */
  T_WORD_SEP,        /* whitespace between elements of %w %i ... */
  /* keywords */
  K_ALIAS, K_AND, K_BEGIN, K_BEGIN_UP, K_BREAK, K_CASE, K_CLASS, K_DEF, K_DEFINED, K_DO,
  K_ELSE, K_ELSIF, K_END, K_END_UP, K_ENSURE, K_FALSE, K_FOR, K_IF, K_IN, K_MODULE, K_NEXT,
  K_NIL, K_NOT, K_OR, K_REDO, K_RESCUE, K_RETRY, K_RETURN, K_SELF, K_SUPER, K_THEN, K_TRUE,
  K_UNDEF, K_UNLESS, K_UNTIL, K_WHEN, K_WHILE, K_YIELD, K__FILE__, K__LINE__, K__ENCODING__,
  /* operators and punctuation */
  T_PLUS, T_MINUS, T_STAR, T_POW, T_DIV, T_PERCENT, T_AMP, T_PIPE, T_CARET, T_TILDE, T_BANG,
  T_LT, T_GT, T_LEQ, T_GEQ, T_LSHFT, T_RSHFT, T_CMP, T_EQ, T_EQQ, T_NEQ, T_MATCH, T_NMATCH,
  T_ANDOP, T_OROP, T_ASSIGN, T_OP_ASGN /* str = operator ("+", "||") */, T_ASSOC,
  T_DOT2, T_DOT3, T_BDOT2, T_BDOT3, T_DOT, T_ANDDOT, T_COLON2, T_COLON3, T_COLON, T_QMARK,
  T_COMMA, T_LPAREN /* ( starting an expression */, T_LPAREN_CALL /* f( */,
  T_LPAREN_ARG /* f (x): ( starting a command argument */, T_RPAREN,
  T_LBRACK /* array literal */, T_LBRACK_INDEX /* a[ */, T_RBRACK, T_LBRACE, T_RBRACE,
  T_LAMBDA, T_UMINUS, T_UPLUS, T_SPLAT, T_DSTAR, T_AMPER,
  T__COUNT
};

/* String literal kinds (T_STRING_BEG aux). */
enum { SK_STR, SK_XSTR, SK_REGEX, SK_SYM, SK_WORDS, SK_SYMBOLS, SK_CODE };

/* Token flags. TF_RATIONAL / TF_IMAG: the number had an `r` / `i` suffix (`3r`, `1.5r`,
 * `2i`, `1.5ri`). A rational keeps its numeral in str/len (digits without prefix or
 * underscores, a '.' for decimals, '-' first when negative) and its base in aux, as TF_BIG
 * does; an imaginary without `r` is an ordinary T_INT / T_FLOAT value. */
enum { TF_BIG = 1, TF_NEG = 2, TF_RATIONAL = 4, TF_IMAG = 8 };

typedef struct Token {
  int type;
  int line;          /* line of the token's first byte */
  int spc;           /* whitespace, a comment or a line start precedes the token */
  const char *str;   /* names: source bytes (not NUL-terminated); contents, chars, symbols:
                        NUL-terminated arena bytes; T_OPNAME / T_OP_ASGN: static string */
  size_t len;
  long long ival;    /* T_INT value, T_NTH_REF number */
  double fval;       /* T_FLOAT */
  int flags;         /* TF_BIG: str = digits (with '-' if negative), TF_NEG: written with '-',
                        TF_RATIONAL, TF_IMAG: suffixes (see above) */
  int aux;           /* see the token kinds */
} Token;

/* ---- lexer ------------------------------------------------------------------------ */

/* Lexer states (what the previous token lets come next), as in CRuby:
 *   BEG  an operand is expected; newlines are ignored      (after operators, `(`, `,`)
 *   MID  like BEG but a newline ends the statement         (after return/break/next/rescue)
 *   ARG  after a method name that may take arguments: ambiguous characters (- [ ( * & :: /
 *        % ? : <<) start an argument when preceded by a space and not followed by one
 *   END  after an operand: ambiguous characters are binary operators
 *   ENDFN after a def name or `->` (parameters may follow)
 *   FNAME a method name is expected (after def, alias, undef): keywords and operators are
 *        names, `foo=` is one name
 *   DOT  after . &. :: (keywords and operators are method names)
 *   CLASS after `class` (`<<` is not a heredoc) */
enum { ST_BEG, ST_MID, ST_ARG, ST_END, ST_ENDFN, ST_FNAME, ST_DOT, ST_CLASS };

/* One entry of the mode stack: a string body being read, or the code of a #{ }. */
typedef struct LexMode {
  unsigned char kind;      /* SK_* (SK_CODE: inside #{ }) */
  unsigned char interp;    /* #{ } and #@x are recognized */
  unsigned char esc;       /* escape rules: ESC_RAW / ESC_SQ / ESC_DQ / ESC_REGEX (lexer.c) */
  unsigned char words;     /* %w %W %i %I: whitespace separates elements */
  unsigned char label_ok;  /* "str": may close a hash-key label */
  unsigned char heredoc;
  unsigned char at_bol;    /* heredoc: at the start of a body line (indentation to strip) */
  unsigned char in_word;   /* words: an element has started */
  int term, open, nest;    /* closing / opening delimiter (open 0 if unpaired), nesting */
  int brace;               /* SK_CODE: unclosed { inside the interpolation */
  int dedent;              /* <<~ : columns of indentation to remove */
  int start_line;
  const char *body_end;    /* heredoc: start of the terminator line */
  const char *resume_p;    /* heredoc: where the line holding <<ID continues */
  int resume_line;
  const char *after_p;     /* heredoc: first byte after the terminator line */
  int after_line;
} LexMode;

#define KN_LEX_MAX_MODES 128

typedef struct Lexer {
  const char *src, *p, *end;
  int line;
  int state;               /* ST_* */
  int label_ok;            /* the next identifier followed by ':' is a label */
  int after_label;         /* previous token was a label (newline skipped unless in_kwarg) */
  int end_local;           /* state END was set by a local variable: `x (1)` is an argument */
  int in_kwarg;            /* set by the parser around `def m a:, b:` (newline ends params) */
  KnArena *arena;
  const char *file;
  jmp_buf *jb;             /* kn_lex_error jumps here */
  char *error;             /* malloc'ed message after an error */
  int error_line;
  /* the parser answers "is this identifier a local variable here?" */
  int (*is_local)(void *ud, const char *name, size_t len);
  void *ud;
  /* heredoc bodies already consumed: at the next newline, continue from here */
  const char *hd_resume;
  int hd_resume_line;
  LexMode modes[KN_LEX_MAX_MODES];
  int nmodes;
  char *buf;               /* scratch for string contents (malloc'ed) */
  size_t buflen, bufcap;
} Lexer;

/* Prepares lx to read src[0..len) starting at line `line`. Errors longjmp to *jb. */
void kn_lex_init(Lexer *lx, const char *src, size_t len, const char *file, int line,
                 KnArena *arena, jmp_buf *jb);
/* Reads the next token into *t. Never returns an error: it longjmps (see kn_lex_error). */
void kn_lex_next(Lexer *lx, Token *t);
/* Releases the lexer's scratch memory (the arena is the caller's). */
void kn_lex_free(Lexer *lx);
/* Records "FILE:LINE: <message>" as the error and longjmps to *lx->jb. */
_Noreturn void kn_lex_error(Lexer *lx, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Describes a token for "unexpected X" messages, in CRuby's words where practical. */
const char *kn_token_desc(const Token *t, char *buf, size_t n);

#endif
