/**
 * The catalog table's design, shared by the adapter and the CDK construct so
 * the two cannot drift apart. One table, generic keys:
 *
 * | item     | pk               | sk        | kind     | listKey | category |
 * |----------|------------------|-----------|----------|---------|----------|
 * | product  | PRODUCT#<sku>    | PRODUCT   | PRODUCT  | <sku>   | <id>     |
 * | category | CATEGORY#<id>    | CATEGORY  | CATEGORY | <id>    |          |
 * | outbox   | OUTBOX#<eventId> | OUTBOX    | OUTBOX   |         |          |
 *
 * `byKind` lists products or categories in key order; `byCategory` lists one
 * category's products. Outbox items carry no listKey, so neither index holds them.
 */
export const CatalogTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    byKind: { name: 'byKind', partitionKey: 'kind', sortKey: 'listKey' },
    byCategory: { name: 'byCategory', partitionKey: 'category', sortKey: 'listKey' },
  },
} as const;
