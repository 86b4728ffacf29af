/** How `GET /products` may sort, defined once for the route, its domain and its docs. */
export const SORTS = ['relevance', 'name', 'price', '-price', 'newest'] as const;
export type Sort = (typeof SORTS)[number];
