import { describe, expect, it } from 'vitest';
import { CommitRefusals, ReservationRefusals } from '../../../functions/inventory/contracts/saga-tasks.js';
import {
  OutOfStockError,
  ReservationNotHeldError,
  UnknownProductError,
} from '../../../functions/inventory/domain/errors.js';
import { ConfirmationRefusals } from '../../../functions/orders/contracts/order-saga.js';
import { OrderNotPendingError, StockNoLongerHeldError } from '../../../functions/orders/domain/errors.js';
import { PaymentRefusals } from '../../../functions/payments/contracts/saga-tasks.js';
import { PaymentDeclinedError, PaymentVoidedError } from '../../../functions/payments/domain/errors.js';

describe('the business refusals the saga catches by name', () => {
  it('are the names the task functions’ errors really carry', () => {
    expect(new OutOfStockError(['A1']).name).toBe(ReservationRefusals.outOfStock);
    expect(new UnknownProductError(['A1']).name).toBe(ReservationRefusals.unknownProduct);
    expect(new PaymentDeclinedError('card_declined').name).toBe(PaymentRefusals.declined);
    expect(new PaymentVoidedError('o-1').name).toBe(PaymentRefusals.voided);
    expect(new OrderNotPendingError('o-1', 'CANCELLED').name).toBe(ConfirmationRefusals.notPending);
    expect(new StockNoLongerHeldError('o-1').name).toBe(ConfirmationRefusals.stockNotHeld);
    // Thrown by CommitInventory as a step of executions started before ConfirmOrder sold the units.
    expect(new ReservationNotHeldError('o-1', 'RELEASED').name).toBe(CommitRefusals.notHeld);
  });
});
