/**
 * Write units as DynamoDB bills them, for what DynamoDB Local reports wrongly:
 * it answers a `TransactWriteItems` with two units per table, however many
 * items it wrote. The rules (DynamoDB developer guide, "Capacity unit
 * consumption"): a write costs one unit per started KB of the larger of the
 * item's before and after images; each index the item is (or was) in costs
 * the same for its projection, two writes when its index key changed, and
 * nothing when what it keeps of the item did not change. A transaction bills
 * the table's part twice (a prepare and a commit of every item: "Capacity
 * management for transactions") and each index's part once: a transaction's
 * changes reach its indexes after it completes, as any write's do, and an
 * index write inside one costs what it costs outside — measured against
 * DynamoDB by the dynoxide emulator's conformance suite (nubo-db/dynoxide
 * pull request 188, August 2026).
 */

/** An attribute value in DynamoDB's JSON wire format (`{ S: 'x' }`, `{ M: {...} }`...). */
export type WireValue = Readonly<Record<string, unknown>>;
export type WireItem = Readonly<Record<string, WireValue>>;

export interface IndexShape {
  readonly keys: readonly string[];
  /** Non-key attributes it keeps: all (`ALL`), none (`KEYS_ONLY`) or the listed ones. */
  readonly projection: 'ALL' | 'KEYS_ONLY' | readonly string[];
}

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

const valueSize = (value: WireValue): number => {
  const [type, content] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return utf8(String(content));
    case 'N':
      // Up to 38 significant digits stored in about one byte per two digits, plus one.
      return Math.ceil(String(content).replace(/[-.]/g, '').length / 2) + 1;
    case 'B':
      return Buffer.from(String(content), 'base64').length;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
      return (content as string[]).reduce((total, entry) => total + utf8(entry), 0);
    case 'NS':
      return (content as string[]).reduce((total, entry) => total + valueSize({ N: entry }), 0);
    case 'BS':
      return (content as string[]).reduce((total, entry) => total + valueSize({ B: entry }), 0);
    case 'L':
      return 3 + (content as WireValue[]).reduce((total, entry) => total + 1 + valueSize(entry), 0);
    case 'M':
      return 3 + itemSize(content as WireItem) + Object.keys(content as object).length;
    default:
      return 0;
  }
};

/** An item's size as DynamoDB counts it: attribute names and values. */
export const itemSize = (item: WireItem): number =>
  Object.entries(item).reduce((total, [name, value]) => total + utf8(name) + valueSize(value), 0);

const unitsFor = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

const projected = (item: WireItem, index: IndexShape, tableKeys: readonly string[]): WireItem => {
  if (index.projection === 'ALL') return item;
  const kept = new Set([
    ...tableKeys,
    ...index.keys,
    ...(index.projection === 'KEYS_ONLY' ? [] : index.projection),
  ]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
};

/** A value as text with every map's attributes in one order: two images list them as they please. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((name) => `${JSON.stringify(name)}:${canonical((value as Record<string, unknown>)[name])}`)
          .join(',')}}`
      : JSON.stringify(value);

const inIndex = (item: WireItem | undefined, index: IndexShape) =>
  item !== undefined && index.keys.every((key) => item[key] !== undefined);

const sameIndexKey = (before: WireItem, after: WireItem, index: IndexShape) =>
  index.keys.every((key) => canonical(before[key]) === canonical(after[key]));

/** The units one written item costs: on the table, and on its indexes together. */
export interface WriteUnits {
  readonly table: number;
  readonly indexes: number;
}

/**
 * The units of one item's write, on the table and on its indexes. `before`
 * is absent for a new item, `after` for a deleted one.
 */
export const writeUnitsOf = (
  before: WireItem | undefined,
  after: WireItem | undefined,
  tableKeys: readonly string[],
  indexes: readonly IndexShape[],
): WriteUnits => {
  const table = unitsFor(Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0));
  let units = 0;
  for (const index of indexes) {
    const was = before && inIndex(before, index) ? projected(before, index, tableKeys) : undefined;
    const is = after && inIndex(after, index) ? projected(after, index, tableKeys) : undefined;
    // An index entry that does not change costs nothing (e.g. an attribute it does not keep).
    if (was && is && canonical(was) === canonical(is)) continue;
    if (was && is && !sameIndexKey(was, is, index)) units += unitsFor(itemSize(was)) + unitsFor(itemSize(is));
    else if (was || is) units += unitsFor(Math.max(was ? itemSize(was) : 0, is ? itemSize(is) : 0));
  }
  return { table, indexes: units };
};

/** The units of one item written outside a transaction. */
export const itemWriteUnits = (...write: Parameters<typeof writeUnitsOf>): number => {
  const { table, indexes } = writeUnitsOf(...write);
  return table + indexes;
};

/** The units of one item written in a transaction: the table's part twice, the indexes' once. */
export const transactionalWriteUnits = (...write: Parameters<typeof writeUnitsOf>): number => {
  const { table, indexes } = writeUnitsOf(...write);
  return 2 * table + indexes;
};
