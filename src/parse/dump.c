/* dump.c -- --dump=parsetree: prints a node tree, one node per line, children indented.
 * The format is kiln's own (CRuby's parse tree dump depends on its own node types). */
#include <stdio.h>
#include "node.h"

static const char *const kind_names[] = {
#define KN_NODE_NAME(k) #k,
  KN_NODE_KINDS(KN_NODE_NAME)
#undef KN_NODE_NAME
};

const char *kn_node_kind_name(NodeKind k) {
  if ((unsigned)k >= N__COUNT) return "?";
  return kind_names[k] + 2;   /* drop "N_" */
}

static void indent(FILE *f, int depth) {
  for (int i = 0; i < depth; i++) fputs("  ", f);
}

static void dump_node(FILE *f, const Node *n, int depth, const char *role);

static void dump_params(FILE *f, const Params *ps, int depth) {
  if (!ps) return;
  indent(f, depth);
  fprintf(f, "params: lead=%d opt=%d rest=%s post=%d kw=%d kwrest=%s block=%s\n", ps->nlead,
          ps->nopt, ps->has_rest ? (ps->rest ? ps->rest : "*") : "-", ps->npost, ps->nkw,
          ps->has_kwrest ? (ps->kwrest ? ps->kwrest : "**") : "-",
          ps->has_block ? (ps->block ? ps->block : "&") : "-");
  for (int i = 0; i < ps->nlead; i++) dump_node(f, ps->lead[i], depth + 1, "lead");
  for (int i = 0; i < ps->nopt; i++) dump_node(f, ps->opt[i], depth + 1, "opt");
  for (int i = 0; i < ps->npost; i++) dump_node(f, ps->post[i], depth + 1, "post");
  for (int i = 0; i < ps->nkw; i++) dump_node(f, ps->kw[i], depth + 1, "kw");
}

static void dump_node(FILE *f, const Node *n, int depth, const char *role) {
  indent(f, depth);
  if (role) fprintf(f, "%s: ", role);
  if (!n) {
    fputs("(null)\n", f);
    return;
  }
  fprintf(f, "%s (line %d)", kn_node_kind_name(n->kind), n->line);
  switch (n->kind) {
  case N_INT:
    if (n->flags & NF_BIG) fprintf(f, " %s", n->str);
    else fprintf(f, " %lld", n->ival);
    break;
  case N_FLOAT: fprintf(f, " %.17g", n->fval); break;
  case N_RATIONAL:
    fprintf(f, " %s", n->str);
    if (n->aux != 10) fprintf(f, " base %d", n->aux);
    break;
  case N_STR: case N_XSTR: case N_SYM: case N_REGEX:
    fputs(" \"", f);
    for (size_t i = 0; i < n->len; i++) {
      unsigned char c = (unsigned char)n->str[i];
      if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
      else if (c < 32 || c == 127) fprintf(f, "\\x%02X", c);
      else fputc(c, f);
    }
    fputc('"', f);
    break;
  case N_NTH_REF: fprintf(f, " $%lld", n->ival); break;
  case N_VALIAS: fprintf(f, " %s %s", n->str, n->str2); break;
  default:
    if (n->str) fprintf(f, " %s", n->str);
    break;
  }
  if (n->flags) fprintf(f, " flags=0x%x", n->flags);
  fputc('\n', f);
  if (n->a) dump_node(f, n->a, depth + 1, "a");
  if (n->b) dump_node(f, n->b, depth + 1, "b");
  if (n->c) dump_node(f, n->c, depth + 1, "c");
  for (int i = 0; i < n->nlist; i++) dump_node(f, n->list[i], depth + 1, NULL);
  if (n->params) dump_params(f, n->params, depth + 1);
}

void kn_dump_parsetree(const Node *root, void *file) {
  dump_node(file, root, 0, NULL);
}
