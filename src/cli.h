#ifndef PARK_CLI_H
#define PARK_CLI_H

/* The command-line subcommands. Each takes the arguments after its name
 * and returns the process exit status. */

#include <stddef.h>
#include <stdint.h>

int cli_check(int argc, char **argv);   /* park check [opts] FILE... : 0 clean, 1 errors, 2 usage/IO */
int cli_rules(int argc, char **argv);   /* park rules [--format F] [--test] */
int cli_rpc(int argc, char **argv);     /* park rpc: msgpack-RPC on stdio */
int cli_lsp(int argc, char **argv);     /* park lsp: a Language Server on stdio (lsp.c) */
int cli_snippets(int argc, char **argv); /* park snippets [--format F] [--date D] [--expand T] [FILE] */
int cli_help(int argc, char **argv);
int cli_version(int argc, char **argv);

/* The options, as bits of the mask a subcommand passes to cli_parse. */
enum { OPT_FORMAT = 1, OPT_CONFIG = 2, OPT_DATE = 4, OPT_STRICT = 8, OPT_RULES_DIR = 16, OPT_TEST = 32, OPT_PROFILE = 64,
       OPT_EXPAND = 128, OPT_ENCODING = 256, OPT_MARKDOWN = 512, OPT_JOBS = 1024, OPT_INPLACE = 2048,
       OPT_MAX_SIZE = 4096 };

typedef struct cli_opts {
    const char *format;
    char **configs;
    size_t nconfigs, capconfigs;
    int date;
    int strict;
    int markdown;        /* park check --markdown (also: a .md file name) */
    int test;
    int profile;
    int inplace;         /* park renumber -i / --in-place */
    int jobs;            /* park check --jobs N; 0: one thread per core */
    const char *encoding; /* park check --encoding NAME; NULL: detect */
    size_t max_size;     /* park check --max-size SIZE; 0: from the rules' [config], else the default */
    const char *expand;  /* park snippets --expand TRIGGER */
    uint64_t *prof_ns;   /* per rule + literal pass, when profiling */
    size_t prof_n;
    const char *rules_dir;
    char **files;
    size_t nfiles, capfiles;
} cli_opts;

/* Parses argv (the arguments after the subcommand) into *o, accepting only
 * the options in allowed (OPT_* bits); the other arguments are files, and
 * "--" ends the options. Returns 0, or 2 after a usage message on stderr.
 * o borrows argv's strings; free it with cli_opts_free (also after 2). */
int cli_parse(int argc, char **argv, int allowed, cli_opts *o);
void cli_opts_free(cli_opts *o);
/* Prints "park: " fmt (with arg) and where to find usage to stderr;
 * returns 2, the usage exit status. */
int cli_usage_error(const char *fmt, const char *arg);

#endif
