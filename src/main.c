/* main.c -- park's entry point: dispatches the first argument to a
 * subcommand through one table. */

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "outlinecli.h"

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} main_commands[] = {
    {"check", cli_check}, {"rules", cli_rules},     {"rpc", cli_rpc},         {"help", cli_help},
    {"--help", cli_help}, {"-h", cli_help},         {"--version", cli_version}, {"version", cli_version},
    {"snippets", cli_snippets}, {"lsp", cli_lsp},
    {"outline", outlinecli_outline}, {"renumber", outlinecli_renumber},
};

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN); /* over a file size limit, write() fails with EFBIG instead */
    if (argc < 2) {
        cli_help(0, NULL);
        return 2;
    }
    for (size_t i = 0; i < sizeof main_commands / sizeof *main_commands; i++)
        if (strcmp(argv[1], main_commands[i].name) == 0) return main_commands[i].fn(argc - 2, argv + 2);
    fprintf(stderr, "park: 未知命令“%s”；用法见 park --help\n", argv[1]);
    return 2;
}
