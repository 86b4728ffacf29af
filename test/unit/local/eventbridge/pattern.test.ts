import { describe, expect, it } from 'vitest';
import { compilePattern, InvalidPatternError, matches } from '../../../../local/eventbridge/pattern.js';

/** The example event of the EventBridge documentation's content-filtering page. */
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: {
    'instance-id': 'i-1234567890abcdef0',
    state: 'terminated',
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.123',
    FileName: 'image.png',
    location: 'New York',
    'eventb-service': 'EventBridge',
    tags: ['alpha', 'beta'],
    nothing: null,
    empty: '',
  },
};

describe('event patterns (EventBridge documentation examples)', () => {
  it.each([
    ['exact source', { source: ['aws.ec2'] }, true],
    ['another source', { source: ['aws.s3'] }, false],
    ['one of several values', { source: ['aws.s3', 'aws.ec2'] }, true],
    [
      'nested fields, all must match',
      { source: ['aws.ec2'], detail: { state: ['terminated'], location: ['New York'] } },
      true,
    ],
    ['nested fields, one differs', { detail: { state: ['terminated'], location: ['Boston'] } }, false],
    ['prefix on time', { time: [{ prefix: '2017-12-22' }] }, true],
    ['prefix that does not fit', { time: [{ prefix: '2018' }] }, false],
    [
      'prefix ignoring case',
      { detail: { 'eventb-service': [{ prefix: { 'equals-ignore-case': 'EVENTB' } }] } },
      true,
    ],
    ['suffix', { detail: { FileName: [{ suffix: '.png' }] } }, true],
    ['suffix ignoring case', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.PNG' } }] } }, true],
    ['equals-ignore-case', { detail: { state: [{ 'equals-ignore-case': 'TERMINATED' }] } }, true],
    ['anything-but a string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, true],
    ['anything-but the value itself', { detail: { state: [{ 'anything-but': 'terminated' }] } }, false],
    ['anything-but a number', { detail: { 'c-count': [{ 'anything-but': 123 }] } }, true],
    ['anything-but a list', { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } }, false],
    ['anything-but a prefix', { region: [{ 'anything-but': { prefix: 'us-' } }] }, false],
    ['anything-but a suffix', { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } }, true],
    [
      'anything-but ignoring case',
      { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['TERMINATED'] } }] } },
      false,
    ],
    ['anything-but a wildcard', { detail: { FileName: [{ 'anything-but': { wildcard: '*.png' } }] } }, false],
    ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, true],
    ['numeric range excluding the value', { detail: { 'c-count': [{ numeric: ['>', 0, '<', 5] }] } }, false],
    ['numeric equality on a float', { detail: { 'x-limit': [{ numeric: ['=', 301.8] }] } }, true],
    ['numeric on a string value', { detail: { state: [{ numeric: ['>', 0] }] } }, false],
    ['exact number', { detail: { 'd-count': [3] } }, true],
    ['a number is not its string', { detail: { 'd-count': ['3'] } }, false],
    ['IPv4 cidr', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, true],
    ['IPv4 cidr outside', { detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, false],
    ['exists true', { detail: { state: [{ exists: true }] } }, true],
    ['exists false on a present field', { detail: { state: [{ exists: false }] } }, false],
    ['exists false on a missing field', { detail: { 'no-such-field': [{ exists: false }] } }, true],
    ['a missing field with a value condition', { detail: { 'no-such-field': ['x'] } }, false],
    ['null matches null', { detail: { nothing: [null] } }, true],
    ['empty string matches empty string', { detail: { empty: [''] } }, true],
    ['array value: any element', { detail: { tags: ['beta'] } }, true],
    ['array value: no element', { detail: { tags: ['gamma'] } }, false],
    [
      'resources as an array',
      { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'] },
      true,
    ],
    ['wildcard', { detail: { FileName: [{ wildcard: 'image*.png' }] } }, true],
    ['wildcard that does not fit', { detail: { FileName: [{ wildcard: '*.jpg' }] } }, false],
    ['wildcard with several stars', { 'detail-type': [{ wildcard: 'EC2*State*Notification' }] }, true],
    [
      '$or of two alternatives',
      { detail: { $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { 'd-count': [3] }] } },
      true,
    ],
    ['$or where neither matches', { detail: { $or: [{ 'c-count': [1] }, { 'd-count': [1] }] } }, false],
    ['$or at the top', { $or: [{ source: ['aws.s3'] }, { 'detail-type': [{ prefix: 'EC2' }] }] }, true],
  ])('%s', (_, pattern, expected) => {
    expect(matches(pattern, ec2Event)).toBe(expected);
  });

  it('matches IPv6 addresses against an IPv6 cidr', () => {
    expect(matches({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db8:85a3::8a2e:370:7334' })).toBe(true);
    expect(matches({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db9::1' })).toBe(false);
  });

  it('treats * in a wildcard as any run of characters and \\* as a star', () => {
    expect(matches({ a: [{ wildcard: 'a\\*b' }] }, { a: 'a*b' })).toBe(true);
    expect(matches({ a: [{ wildcard: 'a\\*b' }] }, { a: 'axb' })).toBe(false);
  });

  it('matches a nested pattern against an array of objects', () => {
    expect(matches({ items: { sku: ['B'] } }, { items: [{ sku: 'A' }, { sku: 'B' }] })).toBe(true);
  });

  it('matches the patterns the shop defines for its events', () => {
    const pattern = {
      source: ['shop.catalog'],
      'detail-type': ['ProductCreated'],
      detail: { metadata: { version: [1] } },
    };
    const event = {
      source: 'shop.catalog',
      'detail-type': 'ProductCreated',
      detail: { metadata: { version: 1 }, data: {} },
    };
    expect(matches(pattern, event)).toBe(true);
    expect(matches(pattern, { ...event, detail: { metadata: { version: 2 } } })).toBe(false);
  });

  it('refuses an unknown operator rather than guessing', () => {
    expect(() => matches({ a: [{ regex: '.*' }] }, { a: 'x' })).toThrow(InvalidPatternError);
  });

  it('refuses an unknown operator rather than guessing, even before any event', () => {
    expect(() => compilePattern({ a: [{ regex: '.*' }] })).toThrow(InvalidPatternError);
  });
});

/*
 * The families where an emulator is easiest to get wrong. Expected answers
 * follow the EventBridge user guide (content filtering, event patterns,
 * comparison operators): conditions apply to leaf values only; anything-but
 * matches everything its operand does not exclude; a dotted key names a path.
 */
describe('anything-but against values that are not strings', () => {
  const event = { detail: { count: 5, nothing: null, flag: true, state: 'init-1', tags: [] } };
  it.each([
    ['prefix against a number', { count: [{ 'anything-but': { prefix: 'init' } }] }, true],
    ['prefix against null', { nothing: [{ 'anything-but': { prefix: 'init' } }] }, true],
    ['suffix against a number', { count: [{ 'anything-but': { suffix: '.png' } }] }, true],
    ['wildcard against null', { nothing: [{ 'anything-but': { wildcard: '*x*' } }] }, true],
    [
      'equals-ignore-case against a boolean',
      { flag: [{ 'anything-but': { 'equals-ignore-case': 'TRUE' } }] },
      true,
    ],
    ['prefix against a string it excludes', { state: [{ 'anything-but': { prefix: 'init' } }] }, false],
    ['a string against a number', { count: [{ 'anything-but': 'init' }] }, true],
    ['a string against null', { nothing: [{ 'anything-but': 'init' }] }, true],
    ['a number against the same number', { count: [{ 'anything-but': [5, 6] }] }, false],
    ['anything against a missing field', { missing: [{ 'anything-but': { prefix: 'init' } }] }, false],
    ['anything against an empty array', { tags: [{ 'anything-but': 'x' }] }, false],
  ])('%s', (_, detail, expected) => {
    expect(matches({ detail }, event)).toBe(expected);
  });
});

describe('exists on values that are not leaves', () => {
  const event = {
    detail: { 'c-count': { c1: 100 }, empty: [], list: [1], objects: [{ a: 1 }], nothing: null },
  };
  it.each([
    ['exists: true on an object', { 'c-count': [{ exists: true }] }, false],
    ['exists: false on an object', { 'c-count': [{ exists: false }] }, true],
    ['exists: true on an empty array', { empty: [{ exists: true }] }, false],
    ['exists: false on an empty array', { empty: [{ exists: false }] }, true],
    ['exists: true on an array of objects', { objects: [{ exists: true }] }, false],
    ['exists: true on an array of numbers', { list: [{ exists: true }] }, true],
    ['exists: true on null', { nothing: [{ exists: true }] }, true],
    ['a value condition on an object', { 'c-count': [{ 'anything-but': 'x' }] }, false],
  ])('%s', (_, detail, expected) => {
    expect(matches({ detail }, event)).toBe(expected);
  });

  it('matches exists: false under a parent the event lacks, at any depth', () => {
    const pattern = { detail: { shipping: { address: [{ exists: false }] } } };
    expect(matches(pattern, { detail: {} })).toBe(true);
    expect(matches(pattern, { source: 'x' })).toBe(true);
    expect(matches(pattern, { detail: { shipping: 'by-hand' } })).toBe(true);
    expect(matches(pattern, { detail: { shipping: { address: 'Main St' } } })).toBe(false);
    expect(matches({ detail: { shipping: { address: [{ exists: true }] } } }, { detail: {} })).toBe(false);
  });

  it('matches a nested pattern within one element of an array of objects', () => {
    const event2 = {
      items: [
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 2 },
      ],
    };
    expect(matches({ items: { sku: ['A'], qty: [1] } }, event2)).toBe(true);
    expect(matches({ items: { sku: ['A'], qty: [2] } }, event2)).toBe(false);
  });
});

describe('keys containing dots', () => {
  it('reads a dotted pattern key as a path into the event', () => {
    expect(matches({ 'detail.state': ['running'] }, { detail: { state: 'running' } })).toBe(true);
    expect(matches({ 'detail.state': ['running'] }, { detail: { state: 'stopped' } })).toBe(false);
  });

  it('reads a dotted event key as a path the pattern can name nested', () => {
    expect(matches({ detail: { a: { b: [1] } } }, { detail: { 'a.b': 1 } })).toBe(true);
    expect(matches({ detail: { 'a.b': [1] } }, { detail: { 'a.b': 1 } })).toBe(true);
  });

  it('merges two spellings of one field in a pattern as alternatives', () => {
    const pattern = { 'detail.state': ['a'], detail: { state: ['b'], kind: ['k'] } };
    expect(matches(pattern, { detail: { state: 'a', kind: 'k' } })).toBe(true);
    expect(matches(pattern, { detail: { state: 'b', kind: 'k' } })).toBe(true);
    expect(matches(pattern, { detail: { state: 'c', kind: 'k' } })).toBe(false);
  });
});

describe('patterns EventBridge refuses at PutRule', () => {
  it.each([
    ['a cidr that is no address', { ip: [{ cidr: 'ten/8' }] }],
    ['a cidr with too many bits', { ip: [{ cidr: '10.0.0.0/33' }] }],
    ['an IPv6 cidr with too many bits', { ip: [{ cidr: '2001:db8::/129' }] }],
    ['a cidr that is not a string', { ip: [{ cidr: 10 }] }],
    ['consecutive wildcards', { name: [{ wildcard: 'a**b' }] }],
    ['a backslash escaping a letter', { name: [{ wildcard: 'a\\nb' }] }],
    ['an over-complex wildcard', { name: [{ wildcard: 'a*'.repeat(101) }] }],
    ['anything-but null', { state: [{ 'anything-but': null }] }],
    ['anything-but a list with null', { state: [{ 'anything-but': ['a', null] }] }],
    ['anything-but a boolean', { state: [{ 'anything-but': true }] }],
    ['anything-but strings and numbers mixed', { state: [{ 'anything-but': ['a', 1] }] }],
    ['anything-but an empty prefix', { state: [{ 'anything-but': { prefix: '' } }] }],
    ['anything-but an empty suffix', { state: [{ 'anything-but': { suffix: '' } }] }],
    ['anything-but an empty list', { state: [{ 'anything-but': [] }] }],
    ['a prefix that is a number', { state: [{ prefix: 5 }] }],
    ['a suffix that is a boolean', { state: [{ suffix: true }] }],
    ['equals-ignore-case of a number', { state: [{ 'equals-ignore-case': 1 }] }],
    ['a wildcard that is not a string', { state: [{ wildcard: null }] }],
    ['exists that is not a boolean', { state: [{ exists: 'yes' }] }],
    ['two lower bounds', { n: [{ numeric: ['>', 0, '>=', 1] }] }],
    ['two upper bounds', { n: [{ numeric: ['<', 9, '<=', 8] }] }],
    ['= beside another bound', { n: [{ numeric: ['=', 1, '<', 2] }] }],
    ['a bound that is a string', { n: [{ numeric: ['>', '0'] }] }],
    ['an unknown comparison', { n: [{ numeric: ['!=', 0] }] }],
    ['an empty list of values', { state: [] }],
    ['an empty list nested', { detail: { state: [] } }],
    ['a value that is not a list', { state: 'running' }],
    ['a list inside the list', { state: [['running']] }],
    ['two operators in one condition', { state: [{ prefix: 'a', suffix: 'b' }] }],
  ])('%s', (_, pattern) => {
    expect(() => compilePattern(pattern)).toThrow(InvalidPatternError);
  });

  it('refuses the pattern whatever the event, rather than only for events that reach the fault', () => {
    const pattern = { source: ['shop'], detail: { ip: [{ cidr: 'nonsense' }] } };
    expect(() => matches(pattern, { source: 'other' })).toThrow(InvalidPatternError);
    expect(() => matches(pattern, { source: 'shop', detail: { ip: '10.0.0.1' } })).toThrow(
      InvalidPatternError,
    );
  });

  it('accepts an escaped star and an escaped backslash in a wildcard', () => {
    expect(matches({ a: [{ wildcard: 'x\\\\y' }] }, { a: 'x\\y' })).toBe(true);
  });
});
