import { ConflictError, NotFoundError } from '../../shared/errors.js';

export class StockItemNotFoundError extends NotFoundError {
  readonly slug = 'stock-item-not-found';
  constructor(sku: string) {
    super(`Neither inventory nor the catalog has a product with sku ${sku}.`);
  }
}

/** Not enough of some skus: a business failure, never retried. */
export class OutOfStockError extends ConflictError {
  readonly slug = 'out-of-stock';
  constructor(readonly skus: readonly string[]) {
    super(`Not enough stock of ${skus.join(', ')}.`);
  }
}

/** Skus inventory holds no stock item for (a product deleted meanwhile): a business failure. */
export class UnknownProductError extends ConflictError {
  readonly slug = 'unknown-product';
  constructor(readonly skus: readonly string[]) {
    super(`Inventory knows no product ${skus.join(', ')}.`);
  }
}

/** Stock changed between read and write; the use case reads again. */
export class StockChangedConcurrentlyError extends ConflictError {
  readonly slug = 'stock-changed-concurrently';
  constructor(sku: string) {
    super(`Stock of ${sku} changed concurrently.`);
  }
}

/** The order's units are not held for it (released, or never held): a business refusal of the commit. */
export class ReservationNotHeldError extends ConflictError {
  readonly slug = 'reservation-not-held';
  constructor(orderId: string, status: string) {
    super(`The reservation of order ${orderId} is ${status}, not HELD.`);
  }
}

export class WarehouseNotFoundError extends NotFoundError {
  readonly slug = 'warehouse-not-found';
  constructor(id: string) {
    super(`There is no warehouse with id ${id}.`);
  }
}

export class WarehouseTakenError extends ConflictError {
  readonly slug = 'warehouse-taken';
  constructor(id: string) {
    super(`A warehouse with id ${id} exists already.`);
  }
}
