import { findDurations, parseNumberWord } from '../../../src/agreement-import/number-words';

describe('number words', () => {
  it.each([
    ['vierentwintig', 24], ['achtenveertig', 48], ['tweeënzeventig', 72], ['zesendertig', 36], ['twaalf', 12], ['één', 1], ['een', 1],
    ['twenty-four', 24], ['forty eight', 48], ['seventy-two', 72], ['twelve', 12], ['24', 24], ['banaan', null],
  ])('%s → %p', (word, value) => {
    expect(parseNumberWord(word)).toBe(value);
  });

  it('finds "vierentwintig (24) uur" as one duration', () => {
    expect(findDurations('binnen vierentwintig (24) uur na')).toEqual([{ value: 24, unit: 'hour', text: 'vierentwintig (24) uur', index: 7 }]);
  });

  it.each([
    ['48 uur', 48, 'hour'], ['twenty-four hours', 24, 'hour'], ['een jaar', 1, 'year'], ['zes maanden', 6, 'month'], ['5 werkdagen', 5, 'business_day'],
  ])('%s', (text, value, unit) => {
    expect(findDurations(text)[0]).toMatchObject({ value, unit });
  });
});
