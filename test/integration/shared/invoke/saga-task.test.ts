import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { currentCorrelation } from '../../../../functions/shared/correlation.js';
import { ConflictError, RequestValidationError } from '../../../../functions/shared/errors.js';
import { sagaTask } from '../../../../functions/shared/invoke/saga-task.js';
import { lambdaContext } from '../../../support/api-gateway.js';

class OutOfStockError extends ConflictError {
  readonly slug = 'out-of-stock';
}

const reserve = sagaTask(
  {
    input: z.object({
      orderId: z.string(),
      correlationId: z.string(),
      quantity: z.int().check(z.positive()),
    }),
    output: z.object({ reservationId: z.string(), correlationId: z.string() }),
  },
  async ({ orderId, quantity }) => {
    if (quantity > 5) throw new OutOfStockError('not enough');
    return { reservationId: `r-${orderId}`, correlationId: currentCorrelation().correlationId };
  },
);

describe('sagaTask', () => {
  it('runs the step with typed input under the order correlation id, and checks its output', async () => {
    expect(await reserve({ orderId: 'o-1', correlationId: 'corr-1', quantity: 1 }, lambdaContext())).toEqual({
      reservationId: 'r-o-1',
      correlationId: 'corr-1',
    });
  });

  it('lets a business error out under its class name, for the state machine to Catch', async () => {
    await expect(
      reserve({ orderId: 'o-1', correlationId: 'c', quantity: 9 }, lambdaContext()),
    ).rejects.toMatchObject({
      name: 'OutOfStockError',
    });
  });

  it('refuses input that breaks the schema', async () => {
    await expect(reserve({ orderId: 'o-1' }, lambdaContext())).rejects.toThrow(RequestValidationError);
  });
});
