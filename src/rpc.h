#ifndef PARK_RPC_H
#define PARK_RPC_H

#include "config.h"

/* msgpack-RPC over stdin/stdout, as Neovim's jobstart(…, {rpc = true})
 * speaks it:
 *   request       [0, msgid, method, params]  -> [1, msgid, error, result]
 *   notification  [2, method, params]         -> nothing, or for methods that
 *                 push (check) [2, "nvim_exec_lua", [code, [result]]]
 * Methods are dispatched through api.c's table. Runs until stdin reaches EOF
 * (exit status 0), SIGTERM/SIGINT/SIGHUP (0), or an unreadable stream or
 * malformed msgpack (1, after a message on stderr). */
int rpc_run(config *cfg);

/* Largest message accepted; a bigger one closes the connection. */
#define RPC_MAX_MESSAGE ((size_t)512 * 1024 * 1024)

#endif
