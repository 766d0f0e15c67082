import { describe, expect, it } from 'vitest';
import { moveStated, splitStated } from './game-announcements';

describe('moveStated: the move a message tells the other side it will make', () => {
  it.each([
    ['We will share this round, you have our word.', 'share'],
    ["Agreed, we'll cooperate and split it evenly.", 'share'],
    ['We propose both sides share this round.', 'share'],
    ["We won't grab.", 'share'],
    ['To be upfront: we will not share this round. We are taking the grab.', 'grab'],
    ['We plan to share. Sorry, change of plan: we have decided to grab after all.', 'grab'],
    ['no, share, promise', 'share'],
    ['Deal, a 50/50 split works for us.', 'share'],
    ["Fair warning: we intend to take the lion's share this round.", 'grab'],
  ] as const)('%s → %s', (text, move) => expect(moveStated(text)).toBe(move));
  it.each(['Will you share if we share?', 'Looking forward to working with you.', 'Still looking at our numbers.'])('%s states no move', (text) =>
    expect(moveStated(text)).toBeNull(),
  );
});

describe('splitStated: a split of the budget over three regions, however written', () => {
  const R = ['Harbour', 'Old Town', 'Ring Road'];
  it.each([
    ['Our split: Harbour 77k, Old Town 33k, Ring Road 0k.', [77, 33, 0]],
    ['We will place 44k in Harbour, 38k in Old Town and 28k in Ring Road.', [44, 38, 28]],
    ['Change of plan: 70% Harbour, 30% Old Town, nothing in Ring Road.', [77, 33, 0]],
    ['Seventy-seven in Harbour, thirty-three in Old Town and nothing for Ring Road.', [77, 33, 0]],
    ['We go 20/20/70.', [20, 20, 70]],
    ['We are putting €77,000 into Harbour, €33,000 into Old Town and €0 into Ring Road.', [77, 33, 0]],
  ] as const)('%s', (text, split) => expect(splitStated(text, R, 110)).toEqual(split));
  it('amounts that do not add up to the budget, or a region left out, are no announcement', () => {
    expect(splitStated('Harbour 50k, Old Town 50k, Ring Road 50k.', R, 110)).toBeNull();
    expect(splitStated('Harbour 60k and Old Town 50k.', R, 110)).toBeNull();
    expect(splitStated('See you at the offsite on the 12th.', R, 110)).toBeNull();
  });
});
