import net from 'node:net';
import { AppError } from '../errors';

/** A token bucket: `burst` at once, then `perMinute` more each minute. */
export interface BucketRule {
  burst: number;
  perMinute: number;
}

/**
 * How fast new people may be minted (joining with a role link, or a new device at the forum
 * entrance). Per address: a venue behind one NAT gets a table's worth at once and then one every
 * few seconds, a script no more. Per link: everyone holding one link together, whatever their
 * addresses.
 */
export interface JoinLimits {
  perAddress: BucketRule;
  perLink: BucketRule;
}

export const DEFAULT_JOIN_LIMITS: JoinLimits = {
  perAddress: { burst: 12, perMinute: 30 },
  perLink: { burst: 60, perMinute: 60 },
};

/** A refused join: `retryAfterSeconds` goes to the `Retry-After` header. */
export class JoinRateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'rate_limited',
      `Too many people joined from here in a short time; try again in ${retryAfterSeconds} s`,
    );
  }
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before full (idle) ones are swept: an idle bucket is the same as none. */
const MAX_BUCKETS = 50_000;

class Buckets {
  private readonly map = new Map<string, Bucket>();

  constructor(private readonly rule: BucketRule) {}

  /** Tokens `key` has at `now` (refilled since its last use). */
  private level(key: string, now: number): number {
    const b = this.map.get(key);
    if (!b) return this.rule.burst;
    const refill = ((now - b.at) * this.rule.perMinute) / 60_000;
    return Math.min(this.rule.burst, b.tokens + Math.max(0, refill));
  }

  /** Seconds until `key` has a token (0: it has one now). */
  wait(key: string, now: number): number {
    const missing = 1 - this.level(key, now);
    if (missing <= 0) return 0;
    return Math.max(1, Math.ceil((missing * 60) / this.rule.perMinute));
  }

  take(key: string, now: number): void {
    const tokens = this.level(key, now) - 1;
    this.map.delete(key); // re-inserted last: the map stays in least-recently-used order
    this.map.set(key, { tokens, at: now });
    if (this.map.size > MAX_BUCKETS) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const key of Array.from(this.map.keys())) {
      if (this.level(key, now) >= this.rule.burst) this.map.delete(key);
    }
    // Still too many (a flood from very many addresses): forget the least recently used.
    for (const key of this.map.keys()) {
      if (this.map.size <= MAX_BUCKETS * 0.9) break;
      this.map.delete(key);
    }
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * The server's guard on minting people: the client is never trusted to reuse its person, so
 * every join that creates a new person costs its address and its link one token each.
 */
export class JoinLimiter {
  private readonly addresses: Buckets;
  private readonly links: Buckets;

  constructor(
    limits: JoinLimits = DEFAULT_JOIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.addresses = new Buckets(limits.perAddress);
    this.links = new Buckets(limits.perLink);
  }

  /**
   * Admits one new person from `address` with link `link`, or throws JoinRateLimited. Neither
   * bucket is charged when the other refuses.
   */
  admit(address: string, link: string): void {
    const now = this.now();
    const wait = Math.max(this.addresses.wait(address, now), this.links.wait(link, now));
    if (wait > 0) throw new JoinRateLimited(wait);
    this.addresses.take(address, now);
    this.links.take(link, now);
  }

  /** Buckets held in memory (for tests). */
  get size(): number {
    return this.addresses.size + this.links.size;
  }
}

/**
 * The address a limit is counted for: IPv4 as it is, an IPv4-mapped IPv6 address as its IPv4,
 * and IPv6 by its /64 prefix (one device commonly has a whole /64 to pick addresses from).
 */
export function addressKey(remote: string | undefined): string {
  if (!remote) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remote);
  if (mapped) return mapped[1]!;
  if (!net.isIPv6(remote)) return remote;
  const [head = '', tail = ''] = remote.split('%')[0]!.split('::') as [string?, string?];
  const left = head ? head.split(':') : [];
  const right = remote.includes('::') && tail ? tail.split(':') : [];
  const groups = remote.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}
