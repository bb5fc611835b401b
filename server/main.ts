import { lanAddresses, startTalkoot } from './app';
import { configFromEnv } from './config';

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
  lines.push(`  Admin (keep private): ${app.publicUrl}/admin#token=${app.adminToken}`);
  lines.push(
    config.databaseUrl ? '  Data: PostgreSQL (DATABASE_URL)' : `  Data: ${config.dataDir}`,
    '',
  );
  // The admin URL goes to the terminal only, never through the structured log.
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

void main();
