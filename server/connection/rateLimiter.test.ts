import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rateLimiter';

describe('the rate limiter', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let t = 0;
    const limiter = new RateLimiter(10, 5, () => t);
    const burst = Array.from({ length: 7 }, () => limiter.take());
    expect(burst).toEqual([true, true, true, true, true, false, false]);
    t += 100; // one token at 10/s
    expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
    t += 10_000; // never more than the burst
    expect(Array.from({ length: 6 }, () => limiter.take()).filter(Boolean).length).toBe(5);
  });
});
