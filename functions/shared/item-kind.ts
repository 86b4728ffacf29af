/**
 * One kind of item in a service's table: its partition key's prefix and its
 * sort key, declared once in the table's design file and used by the
 * service's adapter and by the operations commands that read the table.
 */
export interface ItemKind {
  readonly prefix: string;
  readonly sk: string;
  /** The item's key, from the id after the prefix. */
  key(id: string): { pk: string; sk: string };
  /** The id after the prefix. */
  idOf(item: { readonly pk: string }): string;
  /** Whether a raw item (a scan's) is of this kind. */
  is(item: { readonly pk: string; readonly sk: string }): boolean;
}

export const itemKind = (prefix: string, sk: string): ItemKind => ({
  prefix,
  sk,
  key: (id) => ({ pk: `${prefix}${id}`, sk }),
  idOf: ({ pk }) => pk.slice(prefix.length),
  is: (item) => item.pk.startsWith(prefix) && item.sk === sk,
});
