import { ConflictError, InvalidInputError, NotFoundError } from '../../shared/errors.js';

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

/** The carrier's news does not follow from where the parcel is: a move back, or after its end. */
export class ShipmentMoveRefusedError extends ConflictError {
  readonly slug = 'shipment-move-refused';
}

export class TrackingTimeInFutureError extends InvalidInputError {
  readonly slug = 'tracking-time-in-future';
  constructor() {
    super('The news is dated in the future.', [{ pointer: '#/at', detail: 'must not be in the future' }]);
  }
}
