#ifndef PARK_VERSION_H
#define PARK_VERSION_H

/* The helper's version, as `park --version` and the RPC `info` method give it. */
#define PARK_VERSION "0.1.0"

#endif
