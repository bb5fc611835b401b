import { describe, expect, it } from 'vitest';
import { addressKey, JoinLimiter, JoinRateLimited } from './joinLimits';

function limiter(
  rules = { perAddress: { burst: 3, perMinute: 6 }, perLink: { burst: 5, perMinute: 60 } },
) {
  let now = 1_000_000;
  const l = new JoinLimiter(rules, () => now);
  return { l, advance: (ms: number) => (now += ms) };
}

const admitted = (l: JoinLimiter, address: string, link: string): boolean => {
  try {
    l.admit(address, link);
    return true;
  } catch (err) {
    if (err instanceof JoinRateLimited) return false;
    throw err;
  }
};

describe('join limits', () => {
  it('admit a burst from one address, then one per refill interval, with a Retry-After', () => {
    const { l, advance } = limiter();
    expect([1, 2, 3, 4].map(() => admitted(l, 'a', 'link'))).toEqual([true, true, true, false]);
    let refusal: unknown;
    try {
      l.admit('a', 'link');
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(JoinRateLimited);
    expect((refusal as JoinRateLimited).status).toBe(429);
    expect((refusal as JoinRateLimited).retryAfterSeconds).toBe(10);
    advance(9_999);
    expect(admitted(l, 'a', 'link')).toBe(false);
    advance(1);
    expect(admitted(l, 'a', 'link')).toBe(true);
    expect(admitted(l, 'a', 'link')).toBe(false);
  });

  it('count each address apart, and every address of one link together', () => {
    const { l } = limiter();
    expect([1, 2, 3].map(() => admitted(l, 'a', 'link'))).toEqual([true, true, true]);
    expect(admitted(l, 'b', 'link')).toBe(true);
    expect(admitted(l, 'c', 'link')).toBe(true);
    // The link's burst of 5 is spent, whoever asks.
    expect(admitted(l, 'd', 'link')).toBe(false);
    expect(admitted(l, 'd', 'other-link')).toBe(true);
  });

  it('do not charge an address for a join its link refused', () => {
    const { l } = limiter({
      perAddress: { burst: 2, perMinute: 1 },
      perLink: { burst: 1, perMinute: 1 },
    });
    expect(admitted(l, 'a', 'full')).toBe(true);
    expect(admitted(l, 'a', 'full')).toBe(false);
    expect(admitted(l, 'a', 'free')).toBe(true);
  });

  it('key IPv4 by address, mapped IPv4 as IPv4 and IPv6 by its /64', () => {
    expect(addressKey('10.0.0.7')).toBe('10.0.0.7');
    expect(addressKey('::ffff:10.0.0.7')).toBe('10.0.0.7');
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });
});
