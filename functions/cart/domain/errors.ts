import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { MAX_LINES } from './cart.js';

export class UnknownProductError extends NotFoundError {
  readonly slug = 'product-not-found';
  constructor(sku: string) {
    super(`There is no product with sku ${sku}.`);
  }
}

export class CartFullError extends ConflictError {
  readonly slug = 'cart-full';
  constructor() {
    super(`A cart holds at most ${MAX_LINES} different products.`);
  }
}

export class CartChangedConcurrentlyError extends ConflictError {
  readonly slug = 'cart-changed-concurrently';
  constructor() {
    super('The cart was changed by another request at the same time. Try again.');
  }
}
