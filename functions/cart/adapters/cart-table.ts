/** The cart table: one item per user, `CART#<userId>` / `CART`, lines as a map of sku to quantity. */
export const CartTable = { partitionKey: 'pk', sortKey: 'sk', indexes: {} } as const;
