import { describe, expect, it } from 'vitest';
import { InvalidPatternError, matches } from '../../../../local/eventbridge/pattern.js';

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
});
