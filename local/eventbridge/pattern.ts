import { isIP } from 'node:net';

/**
 * EventBridge event pattern matching, as the EventBridge documentation
 * specifies it (and as Lambda event filtering uses it): every key of the
 * pattern must match (AND); a leaf is a list of conditions, any of which may
 * match (OR); when the event's value is an array, any element may match.
 * Supported: exact values (string, number, boolean, null), prefix, suffix,
 * equals-ignore-case, wildcard, anything-but (values, prefix, suffix,
 * equals-ignore-case, wildcard), numeric ranges, exists, cidr (IPv4 and IPv6), $or.
 */
export type Pattern = { readonly [key: string]: unknown };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const matches = (pattern: Pattern, event: unknown): boolean => matchObject(pattern, event);

const matchObject = (pattern: Pattern, value: unknown): boolean =>
  Object.entries(pattern).every(([key, condition]) => {
    if (key === '$or') {
      if (!Array.isArray(condition)) throw new InvalidPatternError('$or takes a list of patterns');
      return condition.some((alternative) => isObject(alternative) && matchObject(alternative, value));
    }
    const present = isObject(value) && Object.hasOwn(value, key);
    const field = present ? value[key] : undefined;
    if (isObject(condition)) return present && matchNested(condition, field);
    if (!Array.isArray(condition))
      throw new InvalidPatternError(`the value of "${key}" must be a list or an object`);
    return condition.some((rule) => matchRule(rule, present, field));
  });

/** A nested object pattern against an object value, or against an array of objects (any may match). */
const matchNested = (condition: Pattern, field: unknown): boolean =>
  Array.isArray(field)
    ? field.some((element) => matchObject(condition, element))
    : matchObject(condition, field);

const matchRule = (rule: unknown, present: boolean, field: unknown): boolean => {
  if (isObject(rule) && 'exists' in rule) return rule.exists === present;
  if (!present) return false;
  const values = Array.isArray(field) ? field : [field];
  return values.some((value) => matchValue(rule, value));
};

const matchValue = (rule: unknown, value: unknown): boolean => {
  if (!isObject(rule)) return equalsExactly(rule, value);
  const [operator, operand, ...rest] = Object.entries(rule).flat();
  if (rest.length > 0) throw new InvalidPatternError('a condition object has exactly one operator');
  switch (operator) {
    case 'prefix':
      return matchAffix(operand, value, (text, affix) => text.startsWith(affix));
    case 'suffix':
      return matchAffix(operand, value, (text, affix) => text.endsWith(affix));
    case 'equals-ignore-case':
      return (
        typeof value === 'string' &&
        typeof operand === 'string' &&
        value.toLowerCase() === operand.toLowerCase()
      );
    case 'wildcard':
      return typeof value === 'string' && typeof operand === 'string' && wildcard(operand).test(value);
    case 'anything-but':
      return anythingBut(operand, value);
    case 'numeric':
      return typeof value === 'number' && numeric(operand, value);
    case 'cidr':
      return typeof value === 'string' && typeof operand === 'string' && inCidr(value, operand);
    default:
      throw new InvalidPatternError(`unknown operator ${String(operator)}`);
  }
};

const equalsExactly = (expected: unknown, value: unknown): boolean => {
  if (typeof expected === 'number' && typeof value === 'number') return expected === value;
  return expected === value;
};

const matchAffix = (
  operand: unknown,
  value: unknown,
  test: (text: string, affix: string) => boolean,
): boolean => {
  if (typeof value !== 'string') return false;
  if (typeof operand === 'string') return test(value, operand);
  if (isObject(operand) && typeof operand['equals-ignore-case'] === 'string') {
    return test(value.toLowerCase(), operand['equals-ignore-case'].toLowerCase());
  }
  throw new InvalidPatternError('prefix and suffix take a string or {"equals-ignore-case": string}');
};

const anythingBut = (operand: unknown, value: unknown): boolean => {
  if (isObject(operand)) {
    const [operator, inner] = Object.entries(operand)[0] ?? [];
    const list = Array.isArray(inner) ? inner : [inner];
    switch (operator) {
      case 'prefix':
      case 'suffix':
      case 'wildcard':
        return typeof value === 'string' && !list.some((item) => matchValue({ [operator]: item }, value));
      case 'equals-ignore-case':
        return (
          typeof value === 'string' && !list.some((item) => matchValue({ 'equals-ignore-case': item }, value))
        );
      default:
        throw new InvalidPatternError(`anything-but does not take ${String(operator)}`);
    }
  }
  const excluded = Array.isArray(operand) ? operand : [operand];
  return !excluded.some((item) => equalsExactly(item, value));
};

const wildcardCache = new Map<string, RegExp>();
const wildcard = (pattern: string): RegExp => {
  let regex = wildcardCache.get(pattern);
  if (!regex) {
    let source = '';
    for (let index = 0; index < pattern.length; index++) {
      const char = pattern[index] ?? '';
      if (char === '\\' && (pattern[index + 1] === '*' || pattern[index + 1] === '\\')) {
        source += `\\${pattern[index + 1]}`;
        index++;
      } else if (char === '*') source += '.*';
      else source += char.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&');
    }
    regex = new RegExp(`^${source}$`, 's');
    wildcardCache.set(pattern, regex);
  }
  return regex;
};

const COMPARISONS: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

const numeric = (operand: unknown, value: number): boolean => {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0) {
    throw new InvalidPatternError('numeric takes operator and number pairs');
  }
  for (let index = 0; index < operand.length; index += 2) {
    const compare = COMPARISONS[String(operand[index])];
    const bound = operand[index + 1];
    if (!compare || typeof bound !== 'number')
      throw new InvalidPatternError('numeric takes operator and number pairs');
    if (!compare(value, bound)) return false;
  }
  return true;
};

const ipToBigInt = (ip: string): bigint => {
  if (isIP(ip) === 4) return ip.split('.').reduce((acc, part) => (acc << 8n) + BigInt(Number(part)), 0n);
  const [head = '', tail = ''] = ip.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const parts = ip.includes('::')
    ? [...headParts, ...Array<string>(8 - headParts.length - tailParts.length).fill('0'), ...tailParts]
    : headParts;
  return parts.reduce((acc, part) => (acc << 16n) + BigInt(Number.parseInt(part || '0', 16)), 0n);
};

const inCidr = (ip: string, cidr: string): boolean => {
  const [network = '', bitsText = ''] = cidr.split('/');
  const version = isIP(network);
  if (version === 0 || isIP(ip) !== version) return false;
  const width = version === 4 ? 32n : 128n;
  const bits = BigInt(Number(bitsText));
  const mask = bits === 0n ? 0n : ((1n << bits) - 1n) << (width - bits);
  return (ipToBigInt(ip) & mask) === (ipToBigInt(network) & mask);
};

export class InvalidPatternError extends Error {
  constructor(message: string) {
    super(`Invalid event pattern: ${message}`);
    this.name = 'InvalidPatternError';
  }
}
