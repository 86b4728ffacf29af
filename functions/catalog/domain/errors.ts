import { ConflictError, InvalidInputError, NotFoundError } from '../../shared/errors.js';

export class ProductNotFoundError extends NotFoundError {
  readonly slug = 'product-not-found';
  constructor(sku: string) {
    super(`There is no product with sku ${sku}.`);
  }
}

export class SkuTakenError extends ConflictError {
  readonly slug = 'sku-taken';
  constructor(sku: string) {
    super(`A product with sku ${sku} exists already.`);
  }
}

export class CategoryTakenError extends ConflictError {
  readonly slug = 'category-taken';
  constructor(id: string) {
    super(`A category with id ${id} exists already.`);
  }
}

export class UnknownCategoryError extends InvalidInputError {
  readonly slug = 'unknown-category';
  constructor(id: string) {
    super(`There is no category with id ${id}.`, [
      { pointer: '#/category', detail: 'is not a known category' },
    ]);
  }
}

export class ProductChangedConcurrentlyError extends ConflictError {
  readonly slug = 'product-changed-concurrently';
  constructor(sku: string) {
    super(`Product ${sku} was changed by another request at the same time. Read it again and retry.`);
  }
}

export class CategoryNotFoundError extends NotFoundError {
  readonly slug = 'category-not-found';
  constructor(id: string) {
    super(`There is no category with id ${id}.`);
  }
}

export class CategoryInUseError extends ConflictError {
  readonly slug = 'category-in-use';
  constructor(id: string, productCount: number) {
    super(
      `Category ${id} still has ${productCount} product${productCount === 1 ? '' : 's'}: move or delete them first.`,
    );
  }
}
