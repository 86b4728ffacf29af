export interface Category {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

export const newCategory = (id: string, name: string, now: Date): Category => ({
  id,
  name,
  createdAt: now.toISOString(),
});
