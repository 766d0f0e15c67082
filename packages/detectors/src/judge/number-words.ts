/** English number words by value: the units and teens, and the tens. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Multipliers written in words. */
export const SCALE_WORDS: Readonly<Record<string, number>> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };

/** The value of one number word ("ten", "hundred"), or undefined. */
export const numberWord = (w: string): number | undefined =>
  Object.hasOwn(NUMBER_WORDS, w) ? NUMBER_WORDS[w] : Object.hasOwn(SCALE_WORDS, w) ? SCALE_WORDS[w] : undefined;
