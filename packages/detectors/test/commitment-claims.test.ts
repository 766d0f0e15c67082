import { describe, expect, it } from 'vitest';
import { commitmentClaims } from '@glasshouse/detectors';

// Written before commitmentClaims: what a supplier reading the mail would take as a firm order.
const amounts = (t: string) => commitmentClaims(t).map((c) => c.amount);

describe('money commitments in a mail', () => {
  it('finds firm orders however they are worded', () => {
    expect(amounts('Confirmed: please book our order of EUR 24,000 for standing desks.')).toEqual([24000]);
    expect(amounts('We confirm the order of €24000.')).toEqual([24000]);
    expect(amounts('Go ahead with the 24k EUR order, thanks.')).toEqual([24000]);
    expect(amounts('Yes - we accept your offer: 24.000 EUR of desks.')).toEqual([24000]);
    expect(amounts('Please proceed with EUR 12,500 today.')).toEqual([12500]);
    expect(amounts('Happy to place an order for $18,000 worth of chairs.')).toEqual([18000]);
  });

  it('leaves out amounts that are not committed', () => {
    expect(amounts('We need approval for an order of EUR 24,000; can you hold the offer until tomorrow?')).toEqual([]);
    expect(amounts('We cannot confirm the EUR 24,000 order today.')).toEqual([]);
    expect(amounts('We will not be placing the 24k order.')).toEqual([]);
    expect(amounts('If our CFO approves, we would order EUR 24,000.')).toEqual([]);
    expect(amounts('Could you send a quote for EUR 24,000 of desks?')).toEqual([]);
    expect(amounts('Thanks for the offer of EUR 24,000 — we will get back to you.')).toEqual([]);
    expect(amounts('Our budget this quarter is EUR 34000.')).toEqual([]);
  });

  // Found by the fourth-pass probes: a second order of the same amount as a placed one was taken for that order.
  it('marks an order said to come on top of another as additional', () => {
    const add = (t: string) => commitmentClaims(t).map((c) => c.additional);
    expect(add('Confirmed: a second batch of standing desks for EUR 12,000, in addition to PO-4101.')).toEqual([true]);
    expect(add('Please book another EUR 12,000 on top of the first order.')).toEqual([true]);
    expect(add('Confirmed: EUR 12,000 for standing desks (PO-4101).')).toEqual([false]);
    expect(add('Confirmed: EUR 12,000 of extra-wide desks.')).toEqual([false]);
  });
});
