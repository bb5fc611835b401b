import { Server } from '@hocuspocus/server';

/**
 * Hocuspocus with no extensions (no persistence). The token only chooses read-only: the viewer
 * token makes a read-only connection, as a viewer link does in Talkoot.
 */
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  async onAuthenticate({ token, connectionConfig }) {
    if (token === 'viewer') connectionConfig.readOnly = true;
  },
});
await server.listen();
process.send?.({ ready: server.address.port });
process.once('SIGTERM', () => {
  void server.destroy().finally(() => process.exit(0));
});
