export interface Category {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/** A category with the number of products in it, kept by the same writes that add, move or remove them. */
export interface CountedCategory extends Category {
  readonly productCount: number;
}

export const newCategory = (id: string, name: string, now: Date): Category => ({
  id,
  name,
  createdAt: now.toISOString(),
});
