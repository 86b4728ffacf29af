import { ConflictError, NotFoundError } from '../../shared/errors.js';

export class OrderNotShippableError extends ConflictError {
  readonly slug = 'order-not-shippable';
  constructor(status: string) {
    super(
      status === 'CANCELLATION_REQUESTED'
        ? 'Its customer has asked to cancel this order; it does not ship.'
        : `Only a confirmed order can ship; this one is ${status}.`,
    );
  }
}

export class ShipmentNotFoundError extends NotFoundError {
  readonly slug = 'shipment-not-found';
  constructor() {
    super('The order has not shipped.');
  }
}
