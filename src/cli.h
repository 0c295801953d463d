#ifndef PARK_CLI_H
#define PARK_CLI_H

/* The command-line subcommands. Each takes the arguments after its name
 * and returns the process exit status. */

#define PARK_VERSION "0.1.0"

int cli_check(int argc, char **argv);   /* park check [opts] FILE... : 0 clean, 1 errors, 2 usage/IO */
int cli_rules(int argc, char **argv);   /* park rules [--format F] [--test] */
int cli_rpc(int argc, char **argv);     /* park rpc: msgpack-RPC on stdio */
int cli_snippets(int argc, char **argv); /* park snippets [--format F] [--date D] [--expand T] [FILE] */
int cli_help(int argc, char **argv);
int cli_version(int argc, char **argv);

#endif
