import path from 'node:path';
import { lanAddresses, startTalkoot } from './app';
import { configFromEnv, type Config } from './config';

/** `npm start`: read the environment, start, print where to go, stop cleanly on signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = configFromEnv(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const app = await startTalkoot(config);
  const lines = ['', 'Talkoot is running.', `  On this machine:   ${app.localUrl}/`];
  if (config.host === '0.0.0.0' || config.host === '::') {
    for (const ip of lanAddresses()) lines.push(`  On the network:    http://${ip}:${app.port}/`);
  }
  lines.push(`  Links are built on ${app.publicUrl} (set PUBLIC_URL to change it).`);
  lines.push(...adminLines(app.publicUrl, app.adminToken, config));
  lines.push(
    config.databaseUrl ? '  Data: PostgreSQL (DATABASE_URL)' : `  Data: ${config.dataDir}`,
    socketsLine(config),
    '',
  );
  // The admin token goes to an interactive terminal only, never through the structured log.
  process.stdout.write(lines.join('\n') + '\n');

  const stop = (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/**
 * The admin URL with its token when stdout is an interactive terminal. Otherwise stdout is a log
 * file or a collector that keeps the JSON logs, so only where to find the token is printed.
 */
function adminLines(publicUrl: string, adminToken: string, config: Config): string[] {
  if (process.stdout.isTTY)
    return [`  Admin (keep private): ${publicUrl}/admin#token=${adminToken}`];
  const source = config.adminToken
    ? 'the TALKOOT_ADMIN_TOKEN variable'
    : `the file ${path.join(config.dataDir, 'admin-token')}`;
  return [
    `  Admin: ${publicUrl}/admin#token=<admin token>, the token is in ${source}`,
    '  (not printed here: this output is not a terminal).',
  ];
}

/** The socket caps in force, and a hint when the open-file limit is low for a forum. */
function socketsLine(config: Config): string {
  const { maxConnections, maxConnectionsPerAddress } = config.limits;
  const soft = config.openFiles?.soft;
  const perAddress =
    maxConnectionsPerAddress > 0 ? `, ${maxConnectionsPerAddress} per address` : '';
  const limit = soft === undefined ? 'open-file limit unknown' : `open-file limit ${soft}`;
  const low =
    soft !== undefined && soft < 4096 ? ' (low: raise it with `ulimit -n` before starting)' : '';
  return `  Sockets: up to ${maxConnections}${perAddress} (${limit})${low}`;
}

void main();
