import { isIP } from 'node:net';

/**
 * EventBridge event patterns, as the EventBridge user guide describes them
 * (and as Lambda event filtering uses them).
 *
 * A pattern is checked once, when it is compiled (EventBridge refuses a bad
 * one at PutRule, whatever the events), then matched against events:
 * - every field of the pattern must match (AND); a field's conditions are a
 *   list, any of which may match (OR); `$or` takes two or more alternatives;
 * - conditions see the event's leaves: strings, numbers, booleans and null.
 *   An object, or an empty array, is no value: `exists` is false for it and
 *   no other condition matches it;
 * - an array value matches when any of its elements does; a nested pattern
 *   against an array of objects must match within one element;
 * - a key with dots is a path: `"a.b"` and `{"a": {"b": …}}` are the same
 *   field, in the pattern and in the event alike;
 * - `exists: false` matches when the field is absent, also when a parent of
 *   it is;
 * - `anything-but` matches any value the condition does not exclude: with
 *   `prefix`, `suffix`, `equals-ignore-case` or `wildcard`, numbers, booleans
 *   and null are never excluded, so they match.
 */
export type Pattern = { readonly [key: string]: unknown };

export class InvalidPatternError extends Error {
  constructor(message: string) {
    super(`Event pattern is not valid. Reason: ${message}`);
    this.name = 'InvalidPatternError';
  }
}

type Leaf = string | number | boolean | null;
type Condition = (leaves: readonly Leaf[]) => boolean;

interface PatternNode {
  readonly fields: ReadonlyMap<string, FieldNode>;
  readonly alternatives: readonly (readonly PatternNode[])[];
}
type FieldNode =
  | { readonly kind: 'leaf'; readonly conditions: readonly Condition[] }
  | { readonly kind: 'nested'; readonly node: PatternNode };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A pattern checked once; `matches` then tests events against it. */
export interface CompiledPattern {
  matches(event: unknown): boolean;
}

const compiledCache = new WeakMap<object, CompiledPattern>();

/** Checks a pattern as PutRule does; throws InvalidPatternError naming the first fault. */
export const compilePattern = (pattern: unknown): CompiledPattern => {
  if (!isObject(pattern)) throw new InvalidPatternError('the pattern must be a JSON object');
  const cached = compiledCache.get(pattern);
  if (cached) return cached;
  const root = compileNode(expandPaths(pattern, 'pattern') as Record<string, unknown>, '');
  const compiled: CompiledPattern = { matches: (event) => matchNode(root, expandPaths(event, 'event')) };
  compiledCache.set(pattern, compiled);
  return compiled;
};

export const matches = (pattern: Pattern, event: unknown): boolean => compilePattern(pattern).matches(event);

// ---------------------------------------------------------------------------
// Dotted keys: `"a.b": x` is `"a": {"b": x}`.

/**
 * Rewrites every dotted key as nested objects. In a pattern, two spellings
 * of one field merge their condition lists; in an event, their values.
 */
const expandPaths = (value: unknown, side: 'pattern' | 'event'): unknown => {
  // A pattern's lists are conditions, not values: only an event's arrays hold objects to expand.
  if (Array.isArray(value)) return side === 'event' ? value.map((item) => expandPaths(item, side)) : value;
  if (!isObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const steps = key === '$or' ? [key] : key.split('.');
    const nested = steps
      .slice(1)
      .reverse()
      .reduce<unknown>((acc, step) => ({ [step]: acc }), inner);
    merge(result, steps[0] ?? key, key === '$or' && side === 'pattern' ? nested : expandPaths(nested, side));
  }
  return result;
};

const merge = (target: Record<string, unknown>, key: string, value: unknown): void => {
  const existing = target[key];
  if (existing === undefined) target[key] = value;
  else if (isObject(existing) && isObject(value)) {
    const combined = { ...existing };
    for (const [innerKey, innerValue] of Object.entries(value)) merge(combined, innerKey, innerValue);
    target[key] = combined;
  } else target[key] = [existing, value].flat();
};

// ---------------------------------------------------------------------------
// Compiling: every refusal of PutRule, once.

const compileNode = (pattern: Record<string, unknown>, path: string): PatternNode => {
  const fields = new Map<string, FieldNode>();
  const alternatives: PatternNode[][] = [];
  for (const [key, value] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or' && Array.isArray(value) && value.length >= 2 && value.every(isObject)) {
      alternatives.push(
        value.map((alternative, index) =>
          compileNode(expandPaths(alternative, 'pattern') as Record<string, unknown>, `${at}[${index}]`),
        ),
      );
      continue;
    }
    if (isObject(value)) fields.set(key, { kind: 'nested', node: compileNode(value, at) });
    else if (Array.isArray(value)) {
      if (value.length === 0) throw new InvalidPatternError(`"${at}" has an empty list of values`);
      fields.set(key, { kind: 'leaf', conditions: value.map((rule) => compileCondition(rule, at)) });
    } else throw new InvalidPatternError(`the value of "${at}" must be a list or an object`);
  }
  return { fields, alternatives };
};

const isLeafValue = (value: unknown): value is Leaf =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

const compileCondition = (rule: unknown, at: string): Condition => {
  if (isLeafValue(rule)) return (leaves) => leaves.some((leaf) => leaf === rule);
  if (!isObject(rule)) throw new InvalidPatternError(`"${at}" holds a list inside its list of values`);
  const entries = Object.entries(rule);
  const [operator, operand] = entries[0] ?? [];
  if (entries.length !== 1 || operator === undefined)
    throw new InvalidPatternError(`a condition of "${at}" must have exactly one operator`);
  const where = `${operator} in "${at}"`;
  switch (operator) {
    case 'exists':
      if (typeof operand !== 'boolean') throw new InvalidPatternError(`${where} takes true or false`);
      return (leaves) => leaves.length > 0 === operand;
    case 'prefix':
    case 'suffix': {
      const test = affix(operator, operand, where);
      return (leaves) => leaves.some((leaf) => typeof leaf === 'string' && test(leaf));
    }
    case 'equals-ignore-case': {
      const expected = text(operand, where).toLowerCase();
      return (leaves) => leaves.some((leaf) => typeof leaf === 'string' && leaf.toLowerCase() === expected);
    }
    case 'wildcard': {
      const regex = wildcard(text(operand, where), where);
      return (leaves) => leaves.some((leaf) => typeof leaf === 'string' && regex.test(leaf));
    }
    case 'numeric': {
      const test = numeric(operand, where);
      return (leaves) => leaves.some((leaf) => typeof leaf === 'number' && test(leaf));
    }
    case 'cidr': {
      const test = cidr(operand, where);
      return (leaves) => leaves.some((leaf) => typeof leaf === 'string' && test(leaf));
    }
    case 'anything-but': {
      const excluded = anythingBut(operand, where);
      return (leaves) => leaves.some((leaf) => !excluded(leaf));
    }
    default:
      throw new InvalidPatternError(`unknown operator "${operator}" in "${at}"`);
  }
};

const text = (operand: unknown, where: string): string => {
  if (typeof operand !== 'string') throw new InvalidPatternError(`${where} takes a string`);
  return operand;
};

/** `prefix`/`suffix`: a string, or `{"equals-ignore-case": string}`. */
const affix = (
  operator: 'prefix' | 'suffix',
  operand: unknown,
  where: string,
): ((value: string) => boolean) => {
  const ignoreCase = isObject(operand);
  const raw = ignoreCase ? operand['equals-ignore-case'] : operand;
  if (ignoreCase && Object.keys(operand).length !== 1)
    throw new InvalidPatternError(`${where} takes a string or {"equals-ignore-case": string}`);
  const wanted = ignoreCase ? text(raw, where).toLowerCase() : text(raw, where);
  return (value) => {
    const subject = ignoreCase ? value.toLowerCase() : value;
    return operator === 'prefix' ? subject.startsWith(wanted) : subject.endsWith(wanted);
  };
};

/** What an anything-but excludes. Only strings can be excluded by prefix, suffix, case or wildcard. */
const anythingBut = (operand: unknown, where: string): ((leaf: Leaf) => boolean) => {
  if (isObject(operand)) {
    const entries = Object.entries(operand);
    const [operator, inner] = entries[0] ?? [];
    if (entries.length !== 1) throw new InvalidPatternError(`${where} takes one operator`);
    const items = Array.isArray(inner) ? inner : [inner];
    if (items.length === 0) throw new InvalidPatternError(`${where} has an empty list`);
    const tests = items.map((item): ((value: string) => boolean) => {
      const value = text(item, `${where} ${operator}`);
      switch (operator) {
        case 'prefix':
        case 'suffix':
          if (value === '') throw new InvalidPatternError(`${where} ${operator} must not be empty`);
          return affix(operator, value, where);
        case 'equals-ignore-case':
          return (candidate) => candidate.toLowerCase() === value.toLowerCase();
        case 'wildcard': {
          const regex = wildcard(value, where);
          return (candidate) => regex.test(candidate);
        }
        default:
          throw new InvalidPatternError(`${where} does not take "${String(operator)}"`);
      }
    });
    return (leaf) => typeof leaf === 'string' && tests.some((test) => test(leaf));
  }
  const items = Array.isArray(operand) ? operand : [operand];
  if (items.length === 0) throw new InvalidPatternError(`${where} has an empty list`);
  const allStrings = items.every((item) => typeof item === 'string');
  const allNumbers = items.every((item) => typeof item === 'number');
  if (!allStrings && !allNumbers)
    throw new InvalidPatternError(
      `${where} takes strings only or numbers only (not null, booleans or a mix)`,
    );
  return (leaf) => items.some((item) => item === leaf);
};

// ---------------------------------------------------------------------------
// Wildcards: `*` any run of characters, `\*` a star, `\\` a backslash.

/** The most wildcard states one field's conditions may keep alive at once. */
export const MAX_WILDCARD_COMPLEXITY = 100;

const wildcard = (pattern: string, where: string): RegExp => {
  let source = '';
  let stars = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] ?? '';
    if (char === '\\') {
      const next = pattern[index + 1];
      if (next !== '*' && next !== '\\')
        throw new InvalidPatternError(`${where}: a backslash may only escape * or \\`);
      source += `\\${next}`;
      index++;
    } else if (char === '*') {
      if (pattern[index + 1] === '*')
        throw new InvalidPatternError(`${where}: consecutive wildcard characters are not allowed`);
      source += '.*';
      stars++;
    } else source += char.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&');
  }
  if (stars > MAX_WILDCARD_COMPLEXITY)
    throw new InvalidPatternError(
      `${where}: the rule is too complex (${stars} wildcards; at most ${MAX_WILDCARD_COMPLEXITY})`,
    );
  return new RegExp(`^${source}$`, 's');
};

// ---------------------------------------------------------------------------
// Numeric ranges: `=` alone, or at most one lower and one upper bound.

const LOWER = new Set(['>', '>=']);
const UPPER = new Set(['<', '<=']);
const COMPARISONS: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

const numeric = (operand: unknown, where: string): ((value: number) => boolean) => {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4)
    throw new InvalidPatternError(`${where} takes one or two operator and number pairs`);
  const pairs: [string, number][] = [];
  for (let index = 0; index < operand.length; index += 2) {
    const operator = operand[index];
    const bound = operand[index + 1];
    if (typeof operator !== 'string' || !(operator in COMPARISONS))
      throw new InvalidPatternError(`${where}: unknown comparison ${JSON.stringify(operator)}`);
    if (typeof bound !== 'number' || !Number.isFinite(bound))
      throw new InvalidPatternError(`${where}: ${operator} takes a number`);
    pairs.push([operator, bound]);
  }
  if (pairs.some(([operator]) => operator === '=') && pairs.length > 1)
    throw new InvalidPatternError(`${where}: = takes no other bound`);
  if (pairs.filter(([operator]) => LOWER.has(operator)).length > 1)
    throw new InvalidPatternError(`${where} has two lower bounds`);
  if (pairs.filter(([operator]) => UPPER.has(operator)).length > 1)
    throw new InvalidPatternError(`${where} has two upper bounds`);
  return (value) => pairs.every(([operator, bound]) => COMPARISONS[operator]?.(value, bound) ?? false);
};

// ---------------------------------------------------------------------------
// IP ranges: IPv4 and IPv6 CIDR blocks.

const cidr = (operand: unknown, where: string): ((ip: string) => boolean) => {
  const block = text(operand, where);
  const [network = '', bitsText, ...rest] = block.split('/');
  const version = isIP(network);
  const width = version === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : Number.NaN;
  if (version === 0 || rest.length > 0 || !(bits >= 0 && bits <= width))
    throw new InvalidPatternError(`${where}: ${JSON.stringify(block)} is not a CIDR block`);
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(width - bits);
  const networkBits = ipToBigInt(network) & mask;
  return (ip) => isIP(ip) === version && (ipToBigInt(ip) & mask) === networkBits;
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

// ---------------------------------------------------------------------------
// Matching.

/** The leaves of a value: itself when it is one, an array's leaves at any depth, none for an object. */
const leavesOf = (value: unknown): Leaf[] => {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leavesOf);
  return isLeafValue(value) ? [value] : [];
};

/** The objects a nested pattern is tried against: the value, or each object of an array. */
const objectsOf = (value: unknown): Record<string, unknown>[] => {
  if (Array.isArray(value)) return value.flatMap(objectsOf);
  return isObject(value) ? [value] : [];
};

const matchNode = (node: PatternNode, value: unknown): boolean => {
  const candidates = objectsOf(value);
  // A nested pattern where the event has no object still matches its `exists: false` fields.
  if (candidates.length === 0) return matchObject(node, undefined);
  return candidates.some((candidate) => matchObject(node, candidate));
};

const matchObject = (node: PatternNode, value: Record<string, unknown> | undefined): boolean => {
  for (const [key, field] of node.fields) {
    const inner = value && Object.hasOwn(value, key) ? value[key] : undefined;
    const ok =
      field.kind === 'nested'
        ? matchNode(field.node, inner)
        : field.conditions.some((condition) => condition(leavesOf(inner)));
    if (!ok) return false;
  }
  return node.alternatives.every((alternatives) =>
    alternatives.some((alternative) => matchObject(alternative, value)),
  );
};
