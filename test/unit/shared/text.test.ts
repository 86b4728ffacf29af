import { describe, expect, it } from 'vitest';
import { text } from '../../../functions/shared/text.js';

describe('text', () => {
  it('trims and accepts printable text in any script', () => {
    expect(text(20).parse('  Zoë 東京 🚀 ')).toBe('Zoë 東京 🚀');
  });

  it.each([
    ['a NUL byte', 'a\u0000b'],
    ['an escape sequence', 'a\u001b[31mred'],
    ['a line break in a single line', 'line\nbreak'],
    ['DEL', 'a\u007fb'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00b'],
  ])('refuses %s', (_, value) => {
    expect(text(20).safeParse(value).success).toBe(false);
  });

  it('allows line breaks and tabs in multiline text only', () => {
    expect(text(20, { multiline: true }).parse('one\ntwo\tthree')).toBe('one\ntwo\tthree');
    expect(text(20, { multiline: true }).safeParse('one\u0000').success).toBe(false);
  });

  it('counts the length after trimming and holds to min and max', () => {
    expect(text(3).safeParse('   ').success).toBe(false);
    expect(text(3).safeParse('abcd').success).toBe(false);
    expect(text(3, { min: 0 }).parse('')).toBe('');
  });
});
