#!/bin/sh
# What `npm start` runs after the build. Node cannot raise its own open-file limit (no
# setrlimit), so the shell raises the soft limit to the hard limit where the system allows it:
# the total socket cap (MAX_CONNECTIONS) is derived from the limit the server starts with.
# Without a POSIX shell, run `node --import tsx server/main.ts` after `npm run build`.
hard=$(ulimit -Hn 2>/dev/null)
if [ -n "$hard" ]; then
  # Some systems (macOS) refuse "unlimited" as a soft limit; a large number is the next best.
  ulimit -n "$hard" 2>/dev/null || ulimit -n 65536 2>/dev/null || true
fi
exec node --import tsx server/main.ts "$@"
