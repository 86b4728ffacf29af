import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  browseKey,
  compareKeys,
  FIELD,
  indexedWords,
  MAX_INDEXED_WORDS,
  MAX_QUERY_WORDS,
  queryWords,
  searchEntry,
  wordsOf,
} from '../../../../functions/catalog/domain/search.js';
import { money } from '../../../../functions/shared/money.js';
import { aProduct } from '../../../support/catalog/fixtures.js';

describe('the words of a text', () => {
  it('are lower case, without accents, split at anything but letters and digits', () => {
    expect(wordsOf('Crème Brûlée, USB-C 65W — Ærø')).toEqual(['creme', 'brulee', 'usb', 'c', '65w', 'ærø']);
  });
});

describe('indexedWords', () => {
  it('marks each word with the fields it is in, and leaves out stop words and single letters', () => {
    expect(indexedWords({ name: 'The Data Book', description: 'A book of data, for you' }, 'Books')).toEqual({
      data: FIELD.name | FIELD.description,
      book: FIELD.name | FIELD.description,
      books: FIELD.category,
      you: FIELD.description,
    });
  });

  it('keeps the name and category words first when a description has more words than the index holds', () => {
    const description = Array.from({ length: 100 }, (_, index) => `word${index}`).join(' ');
    const words = indexedWords({ name: 'Lamp', description }, 'Lighting');
    expect(Object.keys(words)).toHaveLength(MAX_INDEXED_WORDS);
    expect(words).toMatchObject({ lamp: FIELD.name, lighting: FIELD.category, word0: FIELD.description });
  });
});

describe('queryWords', () => {
  it('searches every word whole and the last also as a prefix, without stop words or repeats', () => {
    expect(queryWords('the Data and data int')).toEqual([
      { word: 'data', prefix: false },
      { word: 'int', prefix: true },
    ]);
  });

  it('keeps a stop word typed last, as a prefix', () => {
    expect(queryWords('lamp the')).toEqual([
      { word: 'lamp', prefix: false },
      { word: 'the', prefix: true },
    ]);
  });

  it('searches nothing for a query of single letters or punctuation', () => {
    expect(queryWords('a b !')).toEqual([]);
  });

  it('searches at most MAX_QUERY_WORDS words, the last typed among them', () => {
    const words = queryWords(Array.from({ length: 20 }, (_, index) => `w${index}`).join(' '));
    expect(words).toHaveLength(MAX_QUERY_WORDS);
    expect(words.at(-1)).toEqual({ word: 'w19', prefix: true });
  });
});

describe('browseKey', () => {
  const entry = (sku: string, name: string, amount = 100) =>
    searchEntry(aProduct(sku, { name, price: money(amount) }));

  it('sorts names word by word: a shorter name before a longer one it starts', () => {
    const names = ['abc', 'ab cd', 'ab', 'Zebra', 'apple'];
    const sorted = names
      .map((name, index) => ({ name, key: browseKey('name', entry(`S${index}`, name)) }))
      .sort((a, b) => compareKeys(a.key, b.key))
      .map(({ name }) => name);
    expect(sorted).toEqual(['ab', 'ab cd', 'abc', 'apple', 'Zebra']);
  });

  it('sorts prices as numbers', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000_000), fc.nat(1_000_000_000), (a, b) => {
        const order = compareKeys(
          browseKey('price', entry('A', 'x', a)),
          browseKey('price', entry('B', 'x', b)),
        );
        return a === b ? order < 0 : Math.sign(order) === Math.sign(a - b);
      }),
    );
  });

  it('compares keys by code point, as DynamoDB compares UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a), Buffer.from(b));
        return Math.sign(compareKeys(a, b)) === Math.sign(bytes);
      }),
    );
  });
});
