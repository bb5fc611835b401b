import type { ChildProcess } from 'node:child_process';

/**
 * Every process the benchmark starts, so that none outlives it: on a normal exit, an uncaught
 * error or Ctrl-C, whatever is still running is killed by its own pid.
 */
const children = new Set<ChildProcess>();

export function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
