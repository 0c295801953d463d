/* fuzz-rulefile.c -- arbitrary bytes as a rule file: parse, build a ruleset
 * (regex compilation, the literal automaton, directives) and check a small
 * fixed report with it. */

#include <string.h>

#include "check.h"
#include "fuzz.h"
#include "mem.h"
#include "rulefile.h"
#include "ruleset.h"

static const char fuzz_text[] =
    "\xEF\xBB\xBF关于2023年园区工作的报告\r\n"
    "一、主要工作\n"
    "（一）认真布署，进一步加强招商引资工作，完成投资X亿元。\n"
    "1.全年实现地区生产总值XX亿元,同比增长5.2%。\n"
    "\n"
    "我们要认真学习贯彻党的十九届历次全会精神\xFF\xFE，aaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n"
    "园区管委会\n"
    "2023年1月5日";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = xmalloc(size ? size : 1);
    if (size) memcpy(text, data, size);
    rulefile *rf = rulefile_parse("fuzz.rules", text, size);
    free(text);
    ruleset *rs = ruleset_build(&rf, 1);
    doc_text doc;
    doc_init(&doc, fuzz_text, sizeof fuzz_text - 1);
    check_opts o = {0};
    check_result res = {0};
    check_run(rs, &doc, &o, &res);
    sbuf msg = SBUF_INIT;
    for (size_t i = 0; i < res.n; i++) check_message(rs, &doc, &res, &res.f[i], &msg);
    sbuf_free(&msg);
    check_result_free(&res);
    doc_free(&doc);
    ruleset_free(rs);
    rulefile_free(rf);
    return 0;
}
