import { describe, expect, it } from 'vitest';
import { formatRemaining, hashString } from './format';
import { bestOffset } from '../kit/control/clock';
import { fromShared, toShared } from './followView';
import { presentRequested } from '../kit/control/facilitation';

describe('facilitation helpers', () => {
  it('shows remaining time as m:ss, rounding up so 0:00 only when the time is over', () => {
    expect(formatRemaining(300_000)).toBe('5:00');
    expect(formatRemaining(299_001)).toBe('5:00');
    expect(formatRemaining(61_000)).toBe('1:01');
    expect(formatRemaining(1)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(-5)).toBe('0:00');
    expect(formatRemaining(3_600_000 + 65_000)).toBe('1:01:05');
  });

  it('takes the clock offset from the sample with the shortest round trip', () => {
    expect(
      bestOffset([
        { sent: 1000, received: 1400, server: 6000 },
        { sent: 2000, received: 2020, server: 7010 },
      ]),
    ).toBe(5000);
    expect(bestOffset([])).toBeNull();
  });

  it('a followed view shows the same board centre and width on screens of other sizes', () => {
    const shared = toShared({ x: -200, y: 100, scale: 0.8 }, { width: 1000, height: 700 });
    const small = fromShared(shared, { width: 500, height: 400 });
    // Same centre…
    expect((250 - small.x) / small.scale).toBeCloseTo((500 + 200) / 0.8);
    expect((200 - small.y) / small.scale).toBeCloseTo((350 - 100) / 0.8);
    // …and the same width of board in view.
    expect(500 / small.scale).toBeCloseTo(1000 / 0.8);
  });

  it('hashes strings stably and reads ?present=1', () => {
    expect(hashString('person-1')).toBe(hashString('person-1'));
    expect(hashString('person-1')).not.toBe(hashString('person-2'));
    expect(presentRequested('?present=1')).toBe(true);
    expect(presentRequested('?present=0')).toBe(false);
    expect(presentRequested('')).toBe(false);
  });
});
