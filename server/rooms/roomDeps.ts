import type { Limits } from '../config';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { StorageHealth } from '../persistence/health';
import type { Store } from '../persistence/store';
import type { RoomBridge } from './bridge';

/** What every document room (and its stored rows, docLog.ts) is built with. */
export interface DocRoomDeps {
  store: Store;
  limits: Limits;
  metrics: Metrics;
  log: Logger;
  compactEvery: number;
  /** Set when several servers share rooms (server/scaleout). */
  bridge?: RoomBridge;
  /** Whether the store can write; failed saves retry at once when it can again. */
  storage?: StorageHealth;
  /**
   * A board document nobody changed for this long keeps only its encoded state in memory
   * (about a tenth of a loaded Y.Doc) until it next changes; 0 or unset keeps it loaded. Only
   * rooms created with a DocLifecycle go quiet.
   */
  quietMs?: number;
}
