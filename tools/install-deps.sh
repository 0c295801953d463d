#!/bin/sh
# Installs what building and testing park needs, when it is missing.
# Debian/Ubuntu: apt-get. Elsewhere: prints the packages to install.
#   tools/install-deps.sh          build dependencies (pkg-config, libuv, msgpack-c, pcre2)
#   tools/install-deps.sh --check  the build dependencies only checked: what is missing is
#                                  printed with the exact command that installs it, and the
#                                  script fails; nothing is installed (plain `make`)
#   tools/install-deps.sh --test   also Neovim and Vim (with +job), for the end-to-end tests
#   tools/install-deps.sh --bench  also Neovim, python3 and valgrind (npm is optional:
#                                  without it the peer linters are skipped)
set -eu

want_test=0
want_bench=0
want_check=0
[ "${1:-}" = "--check" ] && want_check=1
[ "${1:-}" = "--test" ] && want_test=1
[ "${1:-}" = "--bench" ] && want_test=1 && want_bench=1
#   tools/install-deps.sh --fuzz      also clang with libFuzzer and the sanitizer runtimes, and
#                                     llvm-cov/llvm-profdata (make fuzz, make fuzz-long)
#   tools/install-deps.sh --valgrind  also valgrind (make valgrind)
want_fuzz=0
want_valgrind=0
[ "${1:-}" = "--fuzz" ] && want_fuzz=1
[ "${1:-}" = "--valgrind" ] && want_valgrind=1

have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$@" 2>/dev/null; }

missing=""
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
have_pc libuv || missing="$missing libuv1-dev"
have_pc msgpack-c || have_pc msgpack || missing="$missing libmsgpack-dev"
have_pc libpcre2-8 || missing="$missing libpcre2-dev"
if [ "$want_test" = 1 ]; then
    command -v nvim >/dev/null 2>&1 || missing="$missing neovim"
    vim --version 2>/dev/null | grep -q '+job' || missing="$missing vim"
fi
if [ "$want_fuzz" = 1 ]; then
    command -v clang >/dev/null 2>&1 || missing="$missing clang"
    # libFuzzer ships in Debian's libclang-rt-NN-dev, not with clang itself
    rt=$(clang -print-resource-dir 2>/dev/null || true)
    [ -n "$rt" ] && [ -f "$rt/lib/linux/libclang_rt.fuzzer-$(uname -m).a" ] || missing="$missing libclang-rt-dev"
    # make fuzz-long's coverage: clang-NN only recommends llvm-NN, which has them
    command -v llvm-cov >/dev/null 2>&1 && command -v llvm-profdata >/dev/null 2>&1 || missing="$missing llvm"
fi
if [ "$want_valgrind" = 1 ]; then
    command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
fi
if [ "$want_bench" = 1 ]; then
    command -v python3 >/dev/null 2>&1 || missing="$missing python3"
    command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
fi

[ -z "$missing" ] && exit 0

if [ "$want_check" = 1 ]; then
    echo "park: missing build dependencies:$missing" >&2
    if command -v apt-get >/dev/null 2>&1; then
        echo "Install them with:" >&2
        echo "  sudo apt-get install$missing" >&2
        echo "(make test and make demo install them for you)" >&2
    else
        cat >&2 <<'MSG'
Install them with your package manager, for example:
  Fedora:  dnf install gcc make pkgconf libuv-devel msgpack-devel pcre2-devel
  Arch:    pacman -S gcc make pkgconf libuv msgpack-c pcre2
  macOS:   brew install pkg-config libuv msgpack pcre2
MSG
    fi
    exit 1
fi

if command -v apt-get >/dev/null 2>&1; then
    echo "park: installing$missing" >&2
    SUDO=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
            echo "park: need root to install:$missing" >&2
            exit 1
        fi
    fi
    $SUDO apt-get update -qq >&2
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >&2
    exit 0
fi

cat >&2 <<MSG
park: missing build dependencies:$missing
Install them with your package manager, for example:
  Fedora:  dnf install gcc make pkgconf libuv-devel msgpack-devel pcre2-devel neovim vim-enhanced
  Arch:    pacman -S gcc make pkgconf libuv msgpack-c pcre2 neovim vim
  macOS:   brew install pkg-config libuv msgpack pcre2 neovim vim
MSG
exit 1
