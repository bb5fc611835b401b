/**
 * Preloaded (`--import`) into every server under test. Answers the controller's IPC requests
 * with this process's own CPU time and memory, optionally after a full GC (`--expose-gc`), so a
 * relay is measured apart from the load generator and without touching its code.
 */
interface ProbeRequest {
  probe: 'sample';
  id: number;
  gc: boolean;
}

const fullGc = (globalThis as { gc?: () => void }).gc;

if (process.send) {
  process.on('message', (message: ProbeRequest) => {
    if (message?.probe !== 'sample') return;
    if (message.gc && fullGc) {
      fullGc();
      fullGc();
    }
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    process.send!({
      probe: 'sample',
      id: message.id,
      cpuUs: cpu.user + cpu.system,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      external: mem.external + mem.arrayBuffers,
    });
  });
  // The IPC channel alone must not keep a server alive once it has shut down.
  process.channel?.unref();
}

export {};
