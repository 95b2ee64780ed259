/* lexer.c -- the Ruby tokenizer behind parser.c. Like CRuby's it is context dependent:
 * the previous token leaves a state (ST_* in lexer.h) that decides what `/ - [ ( * & ::
 * ? : % <<` and newlines mean. String bodies, #{ } code and heredocs are read through a
 * mode stack: the parser pulls STRING_BEG, CONTENT/DBEG.../DEND, STRING_END in order.
 *
 * Heredocs: at `<<ID` the body (the lines after the current one) is scanned for its
 * terminator, read as a string, then reading resumes after `<<ID`; at the next newline
 * the lexer jumps past the body (hd_resume). Several heredocs on a line chain this way. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lexer.h"

enum { ESC_RAW, ESC_SQ, ESC_DQ, ESC_REGEX };

/* ---- character classes (ASCII only; bytes >= 0x80 are identifier characters) -------- */
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_ident_start(int c) { return is_alpha(c) || c == '_' || c >= 0x80; }
static int is_ident_char(int c) { return is_ident_start(c) || is_digit(c); }
static int is_space(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
static int is_hex(int c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static int hex_val(int c) {
  return is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : c - 'A' + 10;
}

/* The byte i positions ahead of the cursor, or -1 past the end. */
static int peekc(const Lexer *lx, size_t i) {
  return (size_t)(lx->end - lx->p) > i ? (unsigned char)lx->p[i] : -1;
}

static int is_beg(int st) { return st == ST_BEG || st == ST_MID || st == ST_CLASS; }
static int is_end(int st) { return st == ST_END || st == ST_ENDFN; }

/* "space before, none after" in argument position: `foo -1`, `foo [1]`, `foo *a` */
static int spcarg(const Lexer *lx, int spc, int c) {
  return lx->state == ST_ARG && spc && c != -1 && !is_space(c);
}

/* ---- errors ------------------------------------------------------------------------- */
void kn_lex_error(Lexer *lx, int line, const char *fmt, ...) {
  char msg[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  size_t n = strlen(lx->file) + strlen(msg) + 32;
  char *e = malloc(n);
  if (e) snprintf(e, n, "%s:%d: %s", lx->file, line, msg);
  free(lx->error);
  lx->error = e;
  lx->error_line = line;
  longjmp(*lx->jb, 1);
}

/* ---- scratch buffer for string contents --------------------------------------------- */
static void buf_add(Lexer *lx, int c) {
  if (lx->buflen == lx->bufcap) {
    size_t cap = lx->bufcap ? lx->bufcap * 2 : 256;
    char *nb = realloc(lx->buf, cap);
    if (!nb) kn_lex_error(lx, lx->line, "out of memory");
    lx->buf = nb;
    lx->bufcap = cap;
  }
  lx->buf[lx->buflen++] = (char)c;
}

static void buf_utf8(Lexer *lx, unsigned long cp) {
  if (cp < 0x80) {
    buf_add(lx, (int)cp);
  } else if (cp < 0x800) {
    buf_add(lx, (int)(0xC0 | (cp >> 6)));
    buf_add(lx, (int)(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    buf_add(lx, (int)(0xE0 | (cp >> 12)));
    buf_add(lx, (int)(0x80 | ((cp >> 6) & 0x3F)));
    buf_add(lx, (int)(0x80 | (cp & 0x3F)));
  } else {
    buf_add(lx, (int)(0xF0 | (cp >> 18)));
    buf_add(lx, (int)(0x80 | ((cp >> 12) & 0x3F)));
    buf_add(lx, (int)(0x80 | ((cp >> 6) & 0x3F)));
    buf_add(lx, (int)(0x80 | (cp & 0x3F)));
  }
}

/* ---- lines ---------------------------------------------------------------------------- */

/* Consumes the '\n' under the cursor. If heredoc bodies started on this line have been
 * read, continues after the last one. */
static void take_newline(Lexer *lx) {
  lx->p++;
  lx->line++;
  if (lx->hd_resume) {
    if (lx->hd_resume >= lx->p) {
      lx->p = lx->hd_resume;
      lx->line = lx->hd_resume_line;
    }
    lx->hd_resume = NULL;
  }
}

static int at_bol(const Lexer *lx) {
  return lx->p == lx->src || lx->p[-1] == '\n';
}

/* True if the text at q is `word` followed by whitespace or the end of the line/file. */
static int line_starts_with(const Lexer *lx, const char *q, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(lx->end - q) < n || memcmp(q, word, n) != 0) return 0;
  return q + n == lx->end || is_space((unsigned char)q[n]);
}

/* Skips an =begin ... =end block starting at the cursor (at a line start). */
static void skip_embdoc(Lexer *lx) {
  int start = lx->line;
  for (;;) {
    const char *nl = memchr(lx->p, '\n', (size_t)(lx->end - lx->p));
    if (!nl) kn_lex_error(lx, start, "embedded document meets end of file");
    lx->p = nl;
    take_newline(lx);
    if (line_starts_with(lx, lx->p, "=end")) {
      const char *e = memchr(lx->p, '\n', (size_t)(lx->end - lx->p));
      lx->p = e ? e : lx->end;
      return;
    }
  }
}

/* At a significant newline: if the next code line starts with `.foo` or `&.foo` (comment
 * lines may come between), moves the cursor there and returns 1. */
static int leading_dot(Lexer *lx) {
  const char *q = lx->p + 1;
  int line = lx->line + 1;
  if (lx->hd_resume) {
    q = lx->hd_resume;
    line = lx->hd_resume_line;
  }
  for (;;) {
    while (q < lx->end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\f' || *q == '\v')) q++;
    if (q < lx->end && *q == '#') {
      while (q < lx->end && *q != '\n') q++;
      if (q >= lx->end) return 0;
      q++;
      line++;
      continue;
    }
    break;
  }
  int yes = (q < lx->end && *q == '.' && !(q + 1 < lx->end && q[1] == '.')) ||
            (q + 1 < lx->end && q[0] == '&' && q[1] == '.');
  if (!yes) return 0;
  lx->p = q;
  lx->line = line;
  lx->hd_resume = NULL;
  return 1;
}

/* ---- keywords ------------------------------------------------------------------------- */
static const struct {
  const char *name;
  int tok;
  int state;
} keywords[] = {
  {"alias", K_ALIAS, ST_FNAME}, {"and", K_AND, ST_BEG}, {"begin", K_BEGIN, ST_BEG},
  {"BEGIN", K_BEGIN_UP, ST_END}, {"break", K_BREAK, ST_MID}, {"case", K_CASE, ST_BEG},
  {"class", K_CLASS, ST_CLASS}, {"def", K_DEF, ST_FNAME}, {"defined?", K_DEFINED, ST_ARG},
  {"do", K_DO, ST_BEG}, {"else", K_ELSE, ST_BEG}, {"elsif", K_ELSIF, ST_BEG},
  {"end", K_END, ST_END}, {"END", K_END_UP, ST_END}, {"ensure", K_ENSURE, ST_BEG},
  {"false", K_FALSE, ST_END}, {"for", K_FOR, ST_BEG}, {"if", K_IF, ST_BEG},
  {"in", K_IN, ST_BEG}, {"module", K_MODULE, ST_BEG}, {"next", K_NEXT, ST_MID},
  {"nil", K_NIL, ST_END}, {"not", K_NOT, ST_ARG}, {"or", K_OR, ST_BEG},
  {"redo", K_REDO, ST_END}, {"rescue", K_RESCUE, ST_MID}, {"retry", K_RETRY, ST_END},
  {"return", K_RETURN, ST_MID}, {"self", K_SELF, ST_END}, {"super", K_SUPER, ST_ARG},
  {"then", K_THEN, ST_BEG}, {"true", K_TRUE, ST_END}, {"undef", K_UNDEF, ST_FNAME},
  {"unless", K_UNLESS, ST_BEG}, {"until", K_UNTIL, ST_BEG}, {"when", K_WHEN, ST_BEG},
  {"while", K_WHILE, ST_BEG}, {"yield", K_YIELD, ST_ARG}, {"__FILE__", K__FILE__, ST_END},
  {"__LINE__", K__LINE__, ST_END}, {"__ENCODING__", K__ENCODING__, ST_END},
};

static int find_keyword(const char *s, size_t len) {
  if (len < 2 || len > 12) return -1;
  for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
    const char *k = keywords[i].name;
    if (k[0] == s[0] && strlen(k) == len && memcmp(k, s, len) == 0) return (int)i;
  }
  return -1;
}

/* Operator method names, longest first. "!@" and "~@" name the same methods as ! and ~. */
static const struct {
  const char *spelling;
  const char *name;
} opnames[] = {
  {"[]=", "[]="}, {"[]", "[]"}, {"<=>", "<=>"}, {"===", "==="}, {"==", "=="}, {"=~", "=~"},
  {"!=", "!="}, {"!~", "!~"}, {"!@", "!"}, {"~@", "~"}, {"+@", "+@"}, {"-@", "-@"},
  {"**", "**"}, {"<<", "<<"}, {">>", ">>"}, {"<=", "<="}, {">=", ">="}, {"!", "!"},
  {"+", "+"}, {"-", "-"}, {"*", "*"}, {"/", "/"}, {"%", "%"}, {"<", "<"}, {">", ">"},
  {"&", "&"}, {"|", "|"}, {"^", "^"}, {"~", "~"}, {"`", "`"},
};

/* Matches an operator method name at q; returns its canonical name and sets *n. */
static const char *match_opname(const Lexer *lx, const char *q, size_t *n) {
  size_t avail = (size_t)(lx->end - q);
  for (size_t i = 0; i < sizeof opnames / sizeof opnames[0]; i++) {
    size_t k = strlen(opnames[i].spelling);
    if (k <= avail && memcmp(q, opnames[i].spelling, k) == 0) {
      *n = k;
      return opnames[i].name;
    }
  }
  return NULL;
}

/* ---- variables ------------------------------------------------------------------------ */

/* Scans a global variable name at q (which points at '$'). Returns its length, or 0 if
 * none is there; *type is T_GVAR or T_NTH_REF (then *nth is the number). */
static size_t scan_gvar(const Lexer *lx, const char *q, int *type, long long *nth) {
  size_t avail = (size_t)(lx->end - q);
  int c = avail > 1 ? (unsigned char)q[1] : -1;
  *type = T_GVAR;
  if (c == '_' && !(avail > 2 && is_ident_char((unsigned char)q[2]))) return 2;
  if (c != -1 && c != 0 && strchr("~*$?!@/\\;,.=:<>\"0&`'+", c)) return 2;
  if (c == '-') return avail > 2 && is_ident_char((unsigned char)q[2]) ? 3 : 0;
  if (c >= '1' && c <= '9') {
    size_t i = 1;
    long long v = 0;
    while (i < avail && is_digit((unsigned char)q[i])) {
      if (v < 100000000) v = v * 10 + (q[i] - '0');
      i++;
    }
    *type = T_NTH_REF;
    *nth = v;
    return i;
  }
  if (c != -1 && is_ident_start(c)) {
    size_t i = 1;
    while (i < avail && is_ident_char((unsigned char)q[i])) i++;
    return i;
  }
  return 0;
}

/* Scans @x / @@x at q; returns its length or 0. */
static size_t scan_ivar(const Lexer *lx, const char *q, int *type) {
  size_t avail = (size_t)(lx->end - q), i = 1;
  *type = T_IVAR;
  if (i < avail && q[i] == '@') {
    i++;
    *type = T_CVAR;
  }
  if (i >= avail || !is_ident_start((unsigned char)q[i])) return 0;
  while (i < avail && is_ident_char((unsigned char)q[i])) i++;
  return i;
}

/* ---- the mode stack ------------------------------------------------------------------- */
static LexMode *push_mode(Lexer *lx, int kind) {
  if (lx->nmodes >= KN_LEX_MAX_MODES) kn_lex_error(lx, lx->line, "string literals nested too deeply");
  LexMode *m = &lx->modes[lx->nmodes++];
  memset(m, 0, sizeof *m);
  m->kind = (unsigned char)kind;
  m->start_line = lx->line;
  return m;
}

/* Opens a string literal whose opening delimiter has been consumed. */
static void begin_string(Lexer *lx, Token *t, int kind, int interp, int esc, int term, int open,
                         int words, int label_ok) {
  LexMode *m = push_mode(lx, kind);
  m->interp = (unsigned char)interp;
  m->esc = (unsigned char)esc;
  m->term = term;
  m->open = open;
  m->words = (unsigned char)words;
  m->label_ok = (unsigned char)label_ok;
  t->type = T_STRING_BEG;
  t->aux = kind;
}

static int closing_of(int c) {
  switch (c) {
  case '(': return ')';
  case '[': return ']';
  case '{': return '}';
  case '<': return '>';
  default: return c;
  }
}

/* ---- heredocs ------------------------------------------------------------------------- */

/* Tries to read a heredoc opener `<<ID <<-ID <<~ID <<"ID" <<'ID' <<`ID`` at the cursor.
 * On success the body becomes the current string and 1 is returned. */
static int try_heredoc(Lexer *lx, Token *t) {
  const char *q = lx->p + 2, *end = lx->end;
  int squiggly = 0, indent = 0, quote = 0;
  if (q < end && *q == '~') {
    squiggly = 1;
    q++;
  } else if (q < end && *q == '-') {
    indent = 1;
    q++;
  }
  const char *id;
  size_t idlen;
  if (q < end && (*q == '"' || *q == '\'' || *q == '`')) {
    quote = *q;
    id = ++q;
    while (q < end && *q != quote && *q != '\n') q++;
    if (q >= end || *q != quote) kn_lex_error(lx, lx->line, "unterminated here document identifier");
    idlen = (size_t)(q - id);
    q++;
  } else if (q < end && is_ident_char((unsigned char)*q)) {
    id = q;
    while (q < end && is_ident_char((unsigned char)*q)) q++;
    idlen = (size_t)(q - id);
  } else {
    return 0;
  }
  int line = lx->line;
  const char *body;
  int bline;
  if (lx->hd_resume) {
    body = lx->hd_resume;
    bline = lx->hd_resume_line;
  } else {
    const char *nl = memchr(q, '\n', (size_t)(end - q));
    if (!nl) kn_lex_error(lx, line, "can't find string \"%.*s\" anywhere before EOF", (int)idlen, id);
    body = nl + 1;
    bline = line + 1;
  }
  /* find the terminator line; for <<~ also the smallest indentation of non-blank lines */
  const char *r = body, *body_end, *after;
  int l = bline, after_line, mind = INT_MAX;
  for (;;) {
    if (r >= end) kn_lex_error(lx, line, "can't find string \"%.*s\" anywhere before EOF", (int)idlen, id);
    const char *x = r;
    if (indent || squiggly)
      while (x < end && (*x == ' ' || *x == '\t')) x++;
    if ((size_t)(end - x) >= idlen && memcmp(x, id, idlen) == 0) {
      const char *y = x + idlen;
      if (y + 1 < end && y[0] == '\r' && y[1] == '\n') y++;
      if (y >= end || *y == '\n') {
        body_end = r;
        after = y < end ? y + 1 : y;
        after_line = l + 1;
        break;
      }
    }
    if (squiggly) {
      int col = 0;
      const char *s = r;
      for (; s < end && (*s == ' ' || *s == '\t'); s++) col = *s == '\t' ? (col / 8 + 1) * 8 : col + 1;
      int blank = s >= end || *s == '\n' || (*s == '\r' && s + 1 < end && s[1] == '\n');
      if (!blank && col < mind) mind = col;
    }
    const char *nl = memchr(r, '\n', (size_t)(end - r));
    r = nl ? nl + 1 : end;
    l++;
  }
  LexMode *m = push_mode(lx, quote == '`' ? SK_XSTR : SK_STR);
  m->interp = quote != '\'';
  m->esc = quote == '\'' ? ESC_RAW : ESC_DQ;
  m->heredoc = 1;
  m->at_bol = 1;
  m->dedent = squiggly && mind != INT_MAX ? mind : 0;
  m->term = -1;
  m->body_end = body_end;
  m->resume_p = q;
  m->resume_line = line;
  m->after_p = after;
  m->after_line = after_line;
  lx->hd_resume = NULL;
  t->type = T_STRING_BEG;
  t->aux = m->kind;
  t->line = line;
  lx->p = body;
  lx->line = bline;
  return 1;
}

/* Removes up to m->dedent columns of indentation at the start of a <<~ body line. */
static void skip_dedent(Lexer *lx, LexMode *m) {
  m->at_bol = 0;
  int col = 0;
  while (col < m->dedent && lx->p < m->body_end) {
    if (*lx->p == ' ') {
      col++;
    } else if (*lx->p == '\t') {
      int nc = (col / 8 + 1) * 8;
      if (nc > m->dedent) break;
      col = nc;
    } else {
      break;
    }
    lx->p++;
  }
}

/* ---- escapes -------------------------------------------------------------------------- */
static int read_escape_byte(Lexer *lx);

/* After "\u": one \uXXXX or \u{X Y ...}, appended as UTF-8. */
static void read_unicode(Lexer *lx) {
  if (peekc(lx, 0) == '{') {
    lx->p++;
    for (;;) {
      while (peekc(lx, 0) == ' ' || peekc(lx, 0) == '\t') lx->p++;
      if (peekc(lx, 0) == '}') {
        lx->p++;
        return;
      }
      unsigned long cp = 0;
      int n = 0;
      while (n < 7 && is_hex(peekc(lx, 0))) {
        cp = cp * 16 + (unsigned long)hex_val(*lx->p++);
        n++;
      }
      if (n == 0 || n > 6) kn_lex_error(lx, lx->line, "invalid Unicode escape");
      if (cp > 0x10FFFF) kn_lex_error(lx, lx->line, "invalid Unicode codepoint (too large)");
      buf_utf8(lx, cp);
    }
  }
  unsigned long cp = 0;
  for (int i = 0; i < 4; i++) {
    if (!is_hex(peekc(lx, 0))) kn_lex_error(lx, lx->line, "invalid Unicode escape");
    cp = cp * 16 + (unsigned long)hex_val(*lx->p++);
  }
  buf_utf8(lx, cp);
}

/* The byte value of one escape after '\' (for \M- \C- \c operands and octal/hex). */
static int read_escape_value(Lexer *lx, int c) {
  int v;
  switch (c) {
  case 'n': return '\n';
  case 't': return '\t';
  case 's': return ' ';
  case 'r': return '\r';
  case 'f': return '\f';
  case 'v': return '\v';
  case 'a': return 7;
  case 'b': return 8;
  case 'e': return 27;
  case 'x':
    if (!is_hex(peekc(lx, 0))) kn_lex_error(lx, lx->line, "invalid hex escape");
    v = hex_val(*lx->p++);
    if (is_hex(peekc(lx, 0))) v = v * 16 + hex_val(*lx->p++);
    return v;
  case 'M':
    if (peekc(lx, 0) != '-') kn_lex_error(lx, lx->line, "Invalid escape character syntax");
    lx->p++;
    return (read_escape_byte(lx) | 0x80) & 0xFF;
  case 'C':
    if (peekc(lx, 0) != '-') kn_lex_error(lx, lx->line, "Invalid escape character syntax");
    lx->p++;
    /* fallthrough */
  case 'c':
    v = read_escape_byte(lx);
    return v == '?' ? 127 : (v & 0x9F);
  default:
    if (c >= '0' && c <= '7') {
      v = c - '0';
      for (int i = 0; i < 2 && peekc(lx, 0) >= '0' && peekc(lx, 0) <= '7'; i++) v = v * 8 + (*lx->p++ - '0');
      return v & 0xFF;
    }
    return c;
  }
}

/* One character, possibly itself an escape, as the operand of \M- \C- \c. */
static int read_escape_byte(Lexer *lx) {
  int c = peekc(lx, 0);
  if (c == -1) kn_lex_error(lx, lx->line, "Invalid escape character syntax");
  lx->p++;
  if (c != '\\') return c;
  c = peekc(lx, 0);
  if (c == -1) kn_lex_error(lx, lx->line, "Invalid escape character syntax");
  lx->p++;
  return read_escape_value(lx, c);
}

/* A double-quote escape; the cursor is just after the '\'. Appends its bytes. */
static void read_escape(Lexer *lx) {
  int c = peekc(lx, 0);
  if (c == -1) kn_lex_error(lx, lx->line, "unterminated string meets end of file");
  if (c == '\n') {          /* line continuation */
    take_newline(lx);
    return;
  }
  if (c == '\r' && peekc(lx, 1) == '\n') {
    lx->p++;
    take_newline(lx);
    return;
  }
  lx->p++;
  if (c == 'u') {
    read_unicode(lx);
    return;
  }
  buf_add(lx, read_escape_value(lx, c));
}

/* ---- string bodies ---------------------------------------------------------------------- */
static const char *unterminated_msg(int kind) {
  switch (kind) {
  case SK_REGEX: return "unterminated regexp meets end of file";
  case SK_WORDS: case SK_SYMBOLS: return "unterminated list meets end of file";
  default: return "unterminated string meets end of file";
  }
}

/* Is there a #{ / #@x / #$x at the cursor (which is on '#')? */
static int interp_follows(const Lexer *lx) {
  int c1 = peekc(lx, 1), type;
  long long nth;
  if (c1 == '{') return 1;
  if (c1 == '@') return scan_ivar(lx, lx->p + 1, &type) > 0;
  if (c1 == '$') return scan_gvar(lx, lx->p + 1, &type, &nth) > 0;
  return 0;
}

static const char *regex_meta = ".*?+^$|()[]{}\\-";

/* Reads literal text up to the terminator, an interpolation, a word separator or the
 * heredoc's end, into lx->buf. */
static void read_content(Lexer *lx, LexMode *m) {
  lx->buflen = 0;
  for (;;) {
    if (m->heredoc) {
      if (lx->p >= m->body_end) break;
    } else if (lx->p >= lx->end) {
      kn_lex_error(lx, lx->line, "%s", unterminated_msg(m->kind));
    }
    int c = (unsigned char)*lx->p;
    if (!m->heredoc) {
      if (c == m->term && m->nest == 0) break;
      if (m->open) {
        if (c == m->open) m->nest++;
        else if (c == m->term) m->nest--;
      }
    }
    if (c == '#' && m->interp && interp_follows(lx)) break;
    if (m->words && is_space(c)) break;
    if (c == '\n') {
      buf_add(lx, '\n');
      take_newline(lx);
      if (m->heredoc && m->dedent) skip_dedent(lx, m);
      continue;
    }
    if (c == '\r' && peekc(lx, 1) == '\n') {
      lx->p++;
      continue;
    }
    if (c != '\\' || m->esc == ESC_RAW) {
      buf_add(lx, c);
      lx->p++;
      continue;
    }
    /* a backslash */
    int c1 = peekc(lx, 1);
    if (c1 == -1) kn_lex_error(lx, lx->line, "%s", unterminated_msg(m->kind));
    if (m->words && is_space(c1)) {   /* escaped whitespace is part of the word */
      lx->p++;
      if (c1 == '\n') {
        buf_add(lx, '\n');
        take_newline(lx);
      } else {
        buf_add(lx, c1);
        lx->p++;
      }
      continue;
    }
    switch (m->esc) {
    case ESC_SQ:
      if (c1 == '\\' || c1 == m->term || (m->open && c1 == m->open)) {
        buf_add(lx, c1);
        lx->p += 2;
      } else {
        buf_add(lx, '\\');
        lx->p++;
      }
      break;
    case ESC_DQ:
      lx->p++;
      read_escape(lx);
      break;
    default: /* ESC_REGEX: keep escapes for the regexp engine */
      if (c1 == '\n') {
        lx->p++;
        take_newline(lx);
      } else if ((c1 == m->term || (m->open && c1 == m->open)) && !strchr(regex_meta, c1)) {
        buf_add(lx, c1);
        lx->p += 2;
      } else {
        buf_add(lx, '\\');
        buf_add(lx, c1);
        lx->p += 2;
      }
      break;
    }
  }
}

/* Regexp options after the closing delimiter, as NF_RE_* bits. */
static int read_regex_options(Lexer *lx) {
  int opts = 0;
  for (;;) {
    int c = peekc(lx, 0);
    if (c == 'i') opts |= NF_RE_IGNORECASE;
    else if (c == 'x') opts |= NF_RE_EXTENDED;
    else if (c == 'm') opts |= NF_RE_MULTILINE;
    else if (c == 'o' || c == 'u' || c == 'e' || c == 's' || c == 'n') { /* accepted, ignored */ }
    else if (c != -1 && is_ident_char(c)) kn_lex_error(lx, lx->line, "unknown regexp option - %c", c);
    else return opts;
    lx->p++;
  }
}

/* Next token inside a string body (the top of the mode stack is a string). */
static void lex_string(Lexer *lx, Token *t) {
  LexMode *m = &lx->modes[lx->nmodes - 1];
  if (m->heredoc && m->at_bol && m->dedent) skip_dedent(lx, m);
  if (m->words) {
    int sp = 0;
    while (lx->p < lx->end && is_space((unsigned char)*lx->p)) {
      if (*lx->p == '\n') take_newline(lx);
      else lx->p++;
      sp = 1;
    }
    if (sp && m->in_word) {
      m->in_word = 0;
      if (!(lx->p < lx->end && *lx->p == m->term && m->nest == 0)) {
        t->type = T_WORD_SEP;
        t->line = lx->line;
        return;
      }
    }
  }
  t->line = lx->line;
  if (m->heredoc) {
    if (lx->p >= m->body_end) {
      lx->p = m->resume_p;
      lx->line = m->resume_line;
      lx->hd_resume = m->after_p;
      lx->hd_resume_line = m->after_line;
      lx->nmodes--;
      t->type = T_STRING_END;
      lx->state = ST_END;
      return;
    }
  } else if (lx->p >= lx->end) {
    kn_lex_error(lx, lx->line, "%s", unterminated_msg(m->kind));
  } else if ((unsigned char)*lx->p == m->term && m->nest == 0) {
    lx->p++;
    t->type = T_STRING_END;
    if (m->kind == SK_REGEX) t->aux = read_regex_options(lx);
    int label = m->label_ok && peekc(lx, 0) == ':' && peekc(lx, 1) != ':';
    lx->nmodes--;
    if (label) {
      lx->p++;
      t->type = T_LABEL_END;
      lx->state = ST_BEG;
      lx->after_label = 1;
      return;
    }
    lx->state = ST_END;
    return;
  }
  if (*lx->p == '#' && m->interp && interp_follows(lx)) {
    m->in_word = 1;
    if (lx->p[1] == '{') {
      lx->p += 2;
      push_mode(lx, SK_CODE);
      t->type = T_STRING_DBEG;
      lx->state = ST_BEG;
      lx->label_ok = 0;
      return;
    }
    int type;
    long long nth = 0;
    size_t n = lx->p[1] == '@' ? scan_ivar(lx, lx->p + 1, &type) : scan_gvar(lx, lx->p + 1, &type, &nth);
    t->type = T_STRING_DVAR;
    t->str = lx->p + 1;
    t->len = n;
    t->ival = nth;
    t->aux = type == T_IVAR ? N_IVAR : type == T_CVAR ? N_CVAR : type == T_NTH_REF ? N_NTH_REF : N_GVAR;
    lx->p += 1 + n;
    return;
  }
  read_content(lx, m);
  m->in_word = 1;
  t->type = T_STRING_CONTENT;
  t->str = kn_arena_strndup(lx->arena, lx->buf, lx->buflen);
  t->len = lx->buflen;
}

/* ---- numbers ---------------------------------------------------------------------------- */

/* Reads a numeric literal at the cursor (after any sign); `neg` negates it. */
/* t->str/len = the numeral's digits in lx->buf, with a leading '-' when neg, copied into
 * the arena (for literals the compiler builds exactly: Bignums, Rationals). */
static void numeral_text(Lexer *lx, Token *t, int neg) {
  char *s = kn_arena_alloc(lx->arena, lx->buflen + 2);
  size_t n = 0;
  if (neg) s[n++] = '-';
  memcpy(s + n, lx->buf, lx->buflen);
  s[n + lx->buflen] = 0;
  t->str = s;
  t->len = n + lx->buflen;
}

static void lex_number(Lexer *lx, Token *t, int neg) {
  int base = 10, prefixed = 0;
  if (peekc(lx, 0) == '0') {
    int c1 = peekc(lx, 1);
    if (c1 == 'x' || c1 == 'X') base = 16, prefixed = 2;
    else if (c1 == 'b' || c1 == 'B') base = 2, prefixed = 2;
    else if (c1 == 'o' || c1 == 'O') base = 8, prefixed = 2;
    else if (c1 == 'd' || c1 == 'D') base = 10, prefixed = 2;
    else if (is_digit(c1) || c1 == '_') base = 8, prefixed = 1;
  }
  lx->p += prefixed;
  lx->buflen = 0;
  int ndig = 0, last_us = 0, is_float = 0;
  unsigned long long mag = 0;
  int overflow = 0;
  for (;;) {
    int c = peekc(lx, 0);
    if (c == '_') {
      if (last_us || (ndig == 0 && prefixed != 1)) kn_lex_error(lx, lx->line, "numeric literal without digits");
      last_us = 1;
      lx->p++;
      continue;
    }
    int d = c == -1 ? 99 : is_digit(c) ? c - '0' : is_hex(c) ? hex_val(c) : 99;
    if (d >= base) {
      if (is_digit(c) && base == 8) kn_lex_error(lx, lx->line, "Invalid octal digit");
      if (is_digit(c) && base == 2) kn_lex_error(lx, lx->line, "Invalid binary digit");
      break;
    }
    if (mag > (ULLONG_MAX - (unsigned)d) / (unsigned)base) overflow = 1;
    else mag = mag * (unsigned)base + (unsigned)d;
    buf_add(lx, c);
    ndig++;
    last_us = 0;
    lx->p++;
  }
  if (last_us) kn_lex_error(lx, lx->line, "trailing '_' in number");
  if (ndig == 0) {
    if (prefixed == 1) buf_add(lx, '0'), ndig = 1;   /* "0" then '_'? treated as 0 */
    else kn_lex_error(lx, lx->line, "numeric literal without digits");
  }
  if (base == 10 && !prefixed) {
    if (peekc(lx, 0) == '.' && is_digit(peekc(lx, 1))) {
      is_float = 1;
      buf_add(lx, '.');
      lx->p++;
      while (is_digit(peekc(lx, 0)) || (peekc(lx, 0) == '_' && is_digit(peekc(lx, 1)))) {
        if (*lx->p != '_') buf_add(lx, *lx->p);
        lx->p++;
      }
    }
    int c = peekc(lx, 0), c1 = peekc(lx, 1);
    if ((c == 'e' || c == 'E') && (is_digit(c1) || ((c1 == '+' || c1 == '-') && is_digit(peekc(lx, 2))))) {
      is_float = 1;
      buf_add(lx, 'e');
      lx->p++;
      if (c1 == '+' || c1 == '-') buf_add(lx, *lx->p++);
      while (is_digit(peekc(lx, 0)) || (peekc(lx, 0) == '_' && is_digit(peekc(lx, 1)))) {
        if (*lx->p != '_') buf_add(lx, *lx->p);
        lx->p++;
      }
    }
  }
  /* Suffixes: `r` (not after an exponent), then `i`. As in CRuby they count only when no
   * letter or '_' follows; otherwise the number ends before them and the letters lex as
   * the next token (`1if x`, `1rescue nil`; `1ir` is then a syntax error). */
  int has_exp = is_float && memchr(lx->buf, 'e', lx->buflen) != NULL;
  int rational = 0, imag = 0, k = 0;
  if (!has_exp && peekc(lx, k) == 'r') rational = 1, k++;
  if (peekc(lx, k) == 'i') imag = 1, k++;
  int after = peekc(lx, k);
  if ((rational || imag) && after != -1 && (is_ident_char(after) && !is_digit(after)))
    rational = imag = 0;
  else
    lx->p += k;
  buf_add(lx, 0);
  lx->buflen--;
  t->flags = neg ? TF_NEG : 0;
  if (imag) t->flags |= TF_IMAG;
  if (rational) {
    /* keep the numeral: the compiler builds the exact value */
    t->type = is_float ? T_FLOAT : T_INT;
    t->flags |= TF_RATIONAL;
    t->aux = base;
    numeral_text(lx, t, neg);
  } else if (is_float) {
    t->type = T_FLOAT;
    t->fval = strtod(lx->buf, NULL);
    if (neg) t->fval = -t->fval;
  } else {
    t->type = T_INT;
    t->aux = base;
    if (!overflow && mag <= (unsigned long long)LLONG_MAX) {
      t->ival = neg ? -(long long)mag : (long long)mag;
    } else if (!overflow && neg && mag == (unsigned long long)LLONG_MAX + 1) {
      t->ival = LLONG_MIN;
    } else {
      t->flags |= TF_BIG;
      numeral_text(lx, t, neg);
    }
  }
  lx->state = ST_END;
}

/* ---- identifiers ------------------------------------------------------------------------ */

/* After an identifier in FNAME state: does a following '=' belong to it (`def x=`, `:x=`)? */
static int setter_eq_follows(const Lexer *lx) {
  if (peekc(lx, 0) != '=') return 0;
  int c1 = peekc(lx, 1);
  return c1 != '~' && c1 != '>' && c1 != '=';
}

static void lex_ident(Lexer *lx, Token *t, int label_ok) {
  const char *s = lx->p;
  int st = lx->state;
  while (lx->p < lx->end && is_ident_char((unsigned char)*lx->p)) lx->p++;
  int type = is_upper((unsigned char)*s) ? T_CONST : T_IDENT;
  int c = peekc(lx, 0);
  if (c == '!' || c == '?') {
    int c1 = peekc(lx, 1), c2 = peekc(lx, 2);
    if (c1 != '=' || c2 == '=' || c2 == '~' || c2 == '>') {
      lx->p++;
      type = T_FID;
    }
  }
  size_t len = (size_t)(lx->p - s);
  if (len == 7 && memcmp(s, "__END__", 7) == 0 && (s == lx->src || s[-1] == '\n') &&
      (lx->p == lx->end || *lx->p == '\n' || (*lx->p == '\r' && peekc(lx, 1) == '\n'))) {
    lx->p = lx->end;
    t->type = T_EOF;
    return;
  }
  if (st == ST_FNAME && type != T_FID && setter_eq_follows(lx)) {
    lx->p++;
    len++;
  }
  t->str = s;
  t->len = len;
  if (label_ok && st != ST_FNAME && st != ST_DOT && peekc(lx, 0) == ':' && peekc(lx, 1) != ':') {
    lx->p++;
    t->type = T_LABEL;
    lx->state = ST_BEG;
    lx->after_label = 1;
    return;
  }
  if (st != ST_FNAME && st != ST_DOT) {
    int k = find_keyword(s, len);
    if (k >= 0) {
      t->type = keywords[k].tok;
      lx->state = keywords[k].state;
      if (lx->state == ST_ARG) lx->label_ok = 1;
      return;
    }
  }
  t->type = type;
  if (st == ST_FNAME) {
    lx->state = ST_ENDFN;
  } else if (type == T_IDENT && st != ST_DOT && lx->is_local && lx->is_local(lx->ud, s, len)) {
    lx->state = ST_END;
    lx->end_local = 1;
  } else {
    lx->state = ST_ARG;
    lx->label_ok = 1;
  }
}

/* A symbol name after ':' at q: identifier (with ?, !, =), @x, @@x, $x or an operator.
 * Returns its length (0 if none) and sets *name to a static string for operators. */
static size_t scan_symbol_name(const Lexer *lx, const char *q, const char **opname) {
  size_t avail = (size_t)(lx->end - q);
  int c = avail ? (unsigned char)q[0] : -1, type;
  long long nth;
  *opname = NULL;
  if (c == '@') return scan_ivar(lx, q, &type);
  if (c == '$') {
    size_t n = scan_gvar(lx, q, &type, &nth);
    return n;
  }
  if (c != -1 && is_ident_start(c)) {
    size_t i = 0;
    while (i < avail && is_ident_char((unsigned char)q[i])) i++;
    int fid = 0;
    if (i < avail && (q[i] == '?' || q[i] == '!')) {
      int c1 = i + 1 < avail ? q[i + 1] : -1, c2 = i + 2 < avail ? q[i + 2] : -1;
      if (c1 != '=' || c2 == '=' || c2 == '~' || c2 == '>') i++, fid = 1;
    }
    if (!fid && i < avail && q[i] == '=') {
      int c1 = i + 1 < avail ? q[i + 1] : -1;
      if (c1 != '~' && c1 != '>' && c1 != '=') i++;
    }
    return i;
  }
  size_t n = 0;
  const char *op = match_opname(lx, q, &n);
  if (op) *opname = op;
  return op ? n : 0;
}

/* ---- the main tokenizer ----------------------------------------------------------------- */

/* Sets a one-character-or-more operator token. */
static void op(Lexer *lx, Token *t, int type, size_t n, int state) {
  t->type = type;
  t->str = lx->p;
  t->len = n;
  lx->p += n;
  lx->state = state;
}

static void op_asgn(Lexer *lx, Token *t, const char *name, size_t n) {
  op(lx, t, T_OP_ASGN, n, ST_BEG);
  t->str = name;
  t->len = strlen(name);
}

/* %w[] %q() %r{} ... at the cursor (on '%'). */
static void lex_percent(Lexer *lx, Token *t) {
  int c1 = peekc(lx, 1), type, delim;
  if (c1 == -1) kn_lex_error(lx, lx->line, "unterminated quoted string meets end of file");
  if (is_alpha(c1) || is_digit(c1)) {
    type = c1;
    delim = peekc(lx, 2);
    if (delim == -1 || is_alpha(delim) || is_digit(delim) || is_space(delim))
      kn_lex_error(lx, lx->line, "unknown type of %%string");
    lx->p += 3;
  } else {
    type = 'Q';
    delim = c1;
    lx->p += 2;
  }
  int term = closing_of(delim), open = term != delim ? delim : 0;
  switch (type) {
  case 'Q': begin_string(lx, t, SK_STR, 1, ESC_DQ, term, open, 0, 0); break;
  case 'q': begin_string(lx, t, SK_STR, 0, ESC_SQ, term, open, 0, 0); break;
  case 'W': begin_string(lx, t, SK_WORDS, 1, ESC_DQ, term, open, 1, 0); break;
  case 'w': begin_string(lx, t, SK_WORDS, 0, ESC_SQ, term, open, 1, 0); break;
  case 'I': begin_string(lx, t, SK_SYMBOLS, 1, ESC_DQ, term, open, 1, 0); break;
  case 'i': begin_string(lx, t, SK_SYMBOLS, 0, ESC_SQ, term, open, 1, 0); break;
  case 'r': begin_string(lx, t, SK_REGEX, 1, ESC_REGEX, term, open, 0, 0); break;
  case 's': begin_string(lx, t, SK_SYM, 0, ESC_SQ, term, open, 0, 0); break;
  case 'x': begin_string(lx, t, SK_XSTR, 1, ESC_DQ, term, open, 0, 0); break;
  default: kn_lex_error(lx, lx->line, "unknown type of %%string");
  }
}

/* ?a ?\n : a character literal, or the ternary '?'. */
static void lex_question(Lexer *lx, Token *t) {
  int c1 = peekc(lx, 1);
  if (is_end(lx->state) || c1 == -1 || is_space(c1) ||
      (c1 < 0x80 && is_ident_char(c1) && is_ident_char(peekc(lx, 2)))) {
    op(lx, t, T_QMARK, 1, ST_BEG);
    return;
  }
  lx->p++;
  lx->buflen = 0;
  if (c1 == '\\') {
    lx->p++;
    if (peekc(lx, 0) == '\n') kn_lex_error(lx, lx->line, "incomplete character syntax");
    read_escape(lx);
  } else {
    int n = c1 < 0x80 ? 1 : c1 >= 0xF0 ? 4 : c1 >= 0xE0 ? 3 : c1 >= 0xC0 ? 2 : 1;
    for (int i = 0; i < n && lx->p < lx->end; i++) buf_add(lx, *lx->p++);
  }
  t->type = T_CHAR;
  t->str = kn_arena_strndup(lx->arena, lx->buf, lx->buflen);
  t->len = lx->buflen;
  lx->state = ST_END;
}

/* Next token in code (not inside a string body). */
static void lex_code(Lexer *lx, Token *t) {
  int spc = 0;
  /* labels may follow a def name or `->` (parameters), as in CRuby's EXPR_ENDFN */
  int label_ok = lx->label_ok || lx->state == ST_ENDFN;
  int after_label = lx->after_label, end_local = lx->end_local;
  lx->label_ok = lx->after_label = lx->end_local = 0;
  for (;;) {
    if (lx->p >= lx->end) {
      if (lx->nmodes > 0) kn_lex_error(lx, lx->line, "unterminated string meets end of file");
      t->type = T_EOF;
      /* CRuby reports end-of-input on the last line, not on the empty one after it */
      t->line = lx->p > lx->src && lx->p[-1] == '\n' && lx->line > 1 ? lx->line - 1 : lx->line;
      t->spc = 1;
      return;
    }
    int c = (unsigned char)*lx->p;
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r') {
      lx->p++;
      spc = 1;
      continue;
    }
    if (c == '\\' && (peekc(lx, 1) == '\n' || (peekc(lx, 1) == '\r' && peekc(lx, 2) == '\n'))) {
      lx->p += peekc(lx, 1) == '\r' ? 2 : 1;
      take_newline(lx);
      spc = 1;
      continue;
    }
    if (c == '#') {
      const char *nl = memchr(lx->p, '\n', (size_t)(lx->end - lx->p));
      lx->p = nl ? nl : lx->end;
      spc = 1;
      continue;
    }
    if (c == '\n') {
      int st = lx->state;
      /* after a label the state is BEG, but a newline ends `def m a:` (in_kwarg) */
      int skip = after_label ? !lx->in_kwarg
                             : st == ST_BEG || st == ST_DOT || st == ST_FNAME || st == ST_CLASS;
      spc = 1;
      if (skip) {
        take_newline(lx);
        continue;
      }
      if (leading_dot(lx)) continue;
      t->type = T_NL;
      t->line = lx->line;
      t->spc = 1;
      take_newline(lx);
      lx->state = ST_BEG;
      return;
    }
    if (c == '=' && at_bol(lx) && line_starts_with(lx, lx->p, "=begin")) {
      skip_embdoc(lx);
      spc = 1;
      continue;
    }
    if (c == 0 || c == 4 || c == 26) {   /* NUL, ^D, ^Z end the script */
      lx->p = lx->end;
      continue;
    }
    break;
  }
  t->line = lx->line;
  t->spc = spc;
  int st = lx->state;
  int c = (unsigned char)*lx->p, c1 = peekc(lx, 1), c2 = peekc(lx, 2);
  LexMode *top = lx->nmodes ? &lx->modes[lx->nmodes - 1] : NULL;

  if (st == ST_FNAME || st == ST_DOT) {
    size_t n;
    const char *name = match_opname(lx, lx->p, &n);
    if (name) {
      t->type = T_OPNAME;
      t->str = name;
      t->len = strlen(name);
      lx->p += n;
      lx->state = st == ST_FNAME ? ST_ENDFN : ST_ARG;
      if (st == ST_DOT) lx->label_ok = 1;
      return;
    }
  }
  if (is_ident_start(c)) {
    lex_ident(lx, t, label_ok);
    return;
  }
  if (is_digit(c)) {
    lex_number(lx, t, 0);
    return;
  }
  switch (c) {
  case '"':
    lx->p++;
    begin_string(lx, t, SK_STR, 1, ESC_DQ, '"', 0, 0, label_ok);
    return;
  case '\'':
    lx->p++;
    begin_string(lx, t, SK_STR, 0, ESC_SQ, '\'', 0, 0, label_ok);
    return;
  case '`':
    lx->p++;
    begin_string(lx, t, SK_XSTR, 1, ESC_DQ, '`', 0, 0, 0);
    return;
  case '@': {
    int type;
    size_t n = scan_ivar(lx, lx->p, &type);
    if (!n) {
      int k = c1 == '@' ? 2 : 1;
      if (is_digit(peekc(lx, (size_t)k)))
        kn_lex_error(lx, lx->line, "`%.*s%c' is not allowed as %s variable name", k, lx->p,
                     peekc(lx, (size_t)k), k == 2 ? "a class" : "an instance");
      kn_lex_error(lx, lx->line, "`%.*s' without identifiers is not allowed as %s variable name", k,
                   lx->p, k == 2 ? "a class" : "an instance");
    }
    op(lx, t, type, n, ST_END);
    return;
  }
  case '$': {
    int type;
    long long nth = 0;
    size_t n = scan_gvar(lx, lx->p, &type, &nth);
    if (!n) kn_lex_error(lx, lx->line, "`$' without identifiers is not allowed as a global variable name");
    op(lx, t, type, n, ST_END);
    t->ival = nth;
    return;
  }
  case '-':
    if (c1 == '>') { op(lx, t, T_LAMBDA, 2, ST_ENDFN); return; }
    if (c1 == '=') { op_asgn(lx, t, "-", 2); return; }
    if (is_beg(st) || spcarg(lx, spc, c1)) {
      if (is_digit(c1)) {
        lx->p++;
        lex_number(lx, t, 1);
        return;
      }
      op(lx, t, T_UMINUS, 1, ST_BEG);
      return;
    }
    op(lx, t, T_MINUS, 1, ST_BEG);
    return;
  case '+':
    if (c1 == '=') { op_asgn(lx, t, "+", 2); return; }
    if (is_beg(st) || spcarg(lx, spc, c1)) {
      if (is_digit(c1)) {
        lx->p++;
        lex_number(lx, t, 0);
        return;
      }
      op(lx, t, T_UPLUS, 1, ST_BEG);
      return;
    }
    op(lx, t, T_PLUS, 1, ST_BEG);
    return;
  case '*':
    if (c1 == '*') {
      if (c2 == '=') { op_asgn(lx, t, "**", 3); return; }
      op(lx, t, is_beg(st) || spcarg(lx, spc, c2) ? T_DSTAR : T_POW, 2, ST_BEG);
      return;
    }
    if (c1 == '=') { op_asgn(lx, t, "*", 2); return; }
    op(lx, t, is_beg(st) || spcarg(lx, spc, c1) ? T_SPLAT : T_STAR, 1, ST_BEG);
    return;
  case '/':
    if (is_beg(st) || (c1 != '=' && spcarg(lx, spc, c1))) {
      lx->p++;
      begin_string(lx, t, SK_REGEX, 1, ESC_REGEX, '/', 0, 0, 0);
      return;
    }
    if (c1 == '=') { op_asgn(lx, t, "/", 2); return; }
    op(lx, t, T_DIV, 1, ST_BEG);
    return;
  case '%':
    if (is_beg(st) || (c1 != '=' && spcarg(lx, spc, c1))) {
      lex_percent(lx, t);
      return;
    }
    if (c1 == '=') { op_asgn(lx, t, "%", 2); return; }
    op(lx, t, T_PERCENT, 1, ST_BEG);
    return;
  case '<':
    if (c1 == '<' && st != ST_DOT && st != ST_CLASS && !is_end(st) && (st != ST_ARG || spc) &&
        try_heredoc(lx, t))
      return;
    if (c1 == '=') { op(lx, t, c2 == '>' ? T_CMP : T_LEQ, c2 == '>' ? 3 : 2, ST_BEG); return; }
    if (c1 == '<') {
      if (c2 == '=') { op_asgn(lx, t, "<<", 3); return; }
      op(lx, t, T_LSHFT, 2, ST_BEG);
      return;
    }
    op(lx, t, T_LT, 1, ST_BEG);
    return;
  case '>':
    if (c1 == '=') { op(lx, t, T_GEQ, 2, ST_BEG); return; }
    if (c1 == '>') {
      if (c2 == '=') { op_asgn(lx, t, ">>", 3); return; }
      op(lx, t, T_RSHFT, 2, ST_BEG);
      return;
    }
    op(lx, t, T_GT, 1, ST_BEG);
    return;
  case '=':
    if (c1 == '=') { op(lx, t, c2 == '=' ? T_EQQ : T_EQ, c2 == '=' ? 3 : 2, ST_BEG); return; }
    if (c1 == '~') { op(lx, t, T_MATCH, 2, ST_BEG); return; }
    if (c1 == '>') { op(lx, t, T_ASSOC, 2, ST_BEG); return; }
    op(lx, t, T_ASSIGN, 1, ST_BEG);
    return;
  case '!':
    if (c1 == '=') { op(lx, t, T_NEQ, 2, ST_BEG); return; }
    if (c1 == '~') { op(lx, t, T_NMATCH, 2, ST_BEG); return; }
    op(lx, t, T_BANG, 1, ST_BEG);
    return;
  case '&':
    if (c1 == '&') {
      if (c2 == '=') { op_asgn(lx, t, "&&", 3); return; }
      op(lx, t, T_ANDOP, 2, ST_BEG);
      return;
    }
    if (c1 == '=') { op_asgn(lx, t, "&", 2); return; }
    if (c1 == '.') { op(lx, t, T_ANDDOT, 2, ST_DOT); return; }
    op(lx, t, is_beg(st) || spcarg(lx, spc, c1) ? T_AMPER : T_AMP, 1, ST_BEG);
    return;
  case '|':
    if (c1 == '|') {
      if (c2 == '=') { op_asgn(lx, t, "||", 3); return; }
      op(lx, t, T_OROP, 2, ST_BEG);
      return;
    }
    if (c1 == '=') { op_asgn(lx, t, "|", 2); return; }
    op(lx, t, T_PIPE, 1, ST_BEG);
    lx->label_ok = 1;
    return;
  case '^':
    if (c1 == '=') { op_asgn(lx, t, "^", 2); return; }
    op(lx, t, T_CARET, 1, ST_BEG);
    return;
  case '~':
    op(lx, t, T_TILDE, 1, ST_BEG);
    return;
  case '.':
    if (c1 == '.') {
      int three = c2 == '.';
      int type = is_beg(st) ? (three ? T_BDOT3 : T_BDOT2) : (three ? T_DOT3 : T_DOT2);
      op(lx, t, type, three ? 3 : 2, ST_BEG);
      return;
    }
    if (is_digit(c1)) kn_lex_error(lx, lx->line, "no .<digit> floating literal anymore; put 0 before dot");
    op(lx, t, T_DOT, 1, ST_DOT);
    return;
  case ':':
    if (c1 == ':') {
      int colon3 = is_beg(st) || st == ST_CLASS || spcarg(lx, spc, c2);
      op(lx, t, colon3 ? T_COLON3 : T_COLON2, 2, ST_DOT);
      return;
    }
    if (is_end(st) || c1 == -1 || is_space(c1) || c1 == '#') {
      op(lx, t, T_COLON, 1, ST_BEG);
      return;
    }
    if (c1 == '"' || c1 == '\'') {
      lx->p += 2;
      begin_string(lx, t, SK_SYM, c1 == '"', c1 == '"' ? ESC_DQ : ESC_SQ, c1, 0, 0, 0);
      return;
    }
    {
      const char *opname;
      size_t n = scan_symbol_name(lx, lx->p + 1, &opname);
      if (!n) {
        op(lx, t, T_COLON, 1, ST_BEG);
        return;
      }
      t->type = T_SYMBOL;
      t->str = opname ? opname : kn_arena_strndup(lx->arena, lx->p + 1, n);
      t->len = strlen(t->str);
      lx->p += 1 + n;
      lx->state = ST_END;
      return;
    }
  case '?':
    lex_question(lx, t);
    return;
  case '(': {
    int type = is_beg(st) ? T_LPAREN
               : !spc ? T_LPAREN_CALL
               : (st == ST_ARG || (st == ST_END && end_local)) ? T_LPAREN_ARG : T_LPAREN_CALL;
    op(lx, t, type, 1, ST_BEG);
    lx->label_ok = 1;
    return;
  }
  case ')':
    op(lx, t, T_RPAREN, 1, ST_END);
    return;
  case '[':
    op(lx, t, is_beg(st) || (st == ST_ARG && spc) ? T_LBRACK : T_LBRACK_INDEX, 1, ST_BEG);
    lx->label_ok = 1;
    return;
  case ']':
    op(lx, t, T_RBRACK, 1, ST_END);
    return;
  case '{':
    if (top && top->kind == SK_CODE) top->brace++;
    op(lx, t, T_LBRACE, 1, ST_BEG);
    lx->label_ok = 1;
    return;
  case '}':
    if (top && top->kind == SK_CODE) {
      if (top->brace == 0) {
        lx->nmodes--;
        op(lx, t, T_STRING_DEND, 1, ST_END);
        return;
      }
      top->brace--;
    }
    op(lx, t, T_RBRACE, 1, ST_END);
    return;
  case ',':
    op(lx, t, T_COMMA, 1, ST_BEG);
    lx->label_ok = 1;
    return;
  case ';':
    op(lx, t, T_SEMI, 1, ST_BEG);
    return;
  case '\\':
    kn_lex_error(lx, lx->line, "backslash appearing outside of a string");
  default:
    kn_lex_error(lx, lx->line, "Invalid char '\\x%02X' in expression", c);
  }
}

void kn_lex_next(Lexer *lx, Token *t) {
  memset(t, 0, sizeof *t);
  if (lx->nmodes > 0 && lx->modes[lx->nmodes - 1].kind != SK_CODE) lex_string(lx, t);
  else lex_code(lx, t);
}

void kn_lex_init(Lexer *lx, const char *src, size_t len, const char *file, int line,
                 KnArena *arena, jmp_buf *jb) {
  memset(lx, 0, sizeof *lx);
  lx->src = lx->p = src;
  lx->end = src + len;
  if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) lx->p += 3;   /* UTF-8 BOM */
  lx->line = line;
  lx->state = ST_BEG;
  lx->file = file;
  lx->arena = arena;
  lx->jb = jb;
}

void kn_lex_free(Lexer *lx) {
  free(lx->buf);
  lx->buf = NULL;
  lx->buflen = lx->bufcap = 0;
}

/* ---- token descriptions for error messages ------------------------------------------------ */
static const char *const op_spelling[T__COUNT] = {
  [T_PLUS] = "+", [T_MINUS] = "-", [T_STAR] = "*", [T_POW] = "**", [T_DIV] = "/",
  [T_PERCENT] = "%", [T_AMP] = "&", [T_PIPE] = "|", [T_CARET] = "^", [T_TILDE] = "~",
  [T_BANG] = "!", [T_LT] = "<", [T_GT] = ">", [T_LEQ] = "<=", [T_GEQ] = ">=", [T_LSHFT] = "<<",
  [T_RSHFT] = ">>", [T_CMP] = "<=>", [T_EQ] = "==", [T_EQQ] = "===", [T_NEQ] = "!=",
  [T_MATCH] = "=~", [T_NMATCH] = "!~", [T_ANDOP] = "&&", [T_OROP] = "||", [T_ASSIGN] = "=",
  [T_ASSOC] = "=>", [T_DOT2] = "..", [T_DOT3] = "...", [T_BDOT2] = "..", [T_BDOT3] = "...",
  [T_DOT] = ".", [T_ANDDOT] = "&.", [T_COLON2] = "::", [T_COLON3] = "::", [T_COLON] = ":",
  [T_QMARK] = "?", [T_COMMA] = ",", [T_LPAREN] = "(", [T_LPAREN_CALL] = "(",
  [T_LPAREN_ARG] = "(", [T_RPAREN] = ")", [T_LBRACK] = "[", [T_LBRACK_INDEX] = "[",
  [T_RBRACK] = "]", [T_LBRACE] = "{", [T_RBRACE] = "}", [T_LAMBDA] = "->", [T_UMINUS] = "-",
  [T_UPLUS] = "+", [T_SPLAT] = "*", [T_DSTAR] = "**", [T_AMPER] = "&", [T_SEMI] = ";",
  [T_STRING_DEND] = "}",
};

const char *kn_token_desc(const Token *t, char *buf, size_t n) {
  switch (t->type) {
  case T_EOF: return "end-of-input";
  case T_NL: return "'\\n'";
  case T_INT: return "integer literal";
  case T_FLOAT: return "float literal";
  case T_CHAR: return "character literal";
  case T_SYMBOL: return "symbol literal";
  case T_IDENT: return "local variable or method";
  case T_FID: return "method";
  case T_CONST: return "constant";
  case T_IVAR: return "instance variable";
  case T_CVAR: return "class variable";
  case T_GVAR: return "global variable";
  case T_NTH_REF: return "numbered reference";
  case T_LABEL: return "label";
  case T_STRING_BEG:
    return t->aux == SK_REGEX ? "regexp literal" : t->aux == SK_XSTR ? "backtick literal"
         : t->aux == SK_SYM ? "symbol literal" : t->aux == SK_WORDS || t->aux == SK_SYMBOLS ? "word list"
         : "string literal";
  case T_STRING_CONTENT: return "string content";
  case T_STRING_END: return "string end";
  case T_LABEL_END: return "label";
  case T_STRING_DBEG: return "'#{'";
  case T_STRING_DVAR: return "string interpolation";
  case T_WORD_SEP: return "word separator";
  case T_OP_ASGN: snprintf(buf, n, "operator-assignment '%s='", t->str); return buf;
  case T_OPNAME: snprintf(buf, n, "'%s'", t->str); return buf;
  default: break;
  }
  if (t->type >= K_ALIAS && t->type <= K__ENCODING__) {
    snprintf(buf, n, "`%s'", keywords[t->type - K_ALIAS].name);
    return buf;
  }
  if (t->type < T__COUNT && op_spelling[t->type]) {
    snprintf(buf, n, "'%s'", op_spelling[t->type]);
    return buf;
  }
  return "token";
}
