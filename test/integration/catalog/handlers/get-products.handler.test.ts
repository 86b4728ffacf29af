import type { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { catalogReader } from '../../../../functions/catalog/contracts/get-products.js';
import { getProductsHandler } from '../../../../functions/catalog/handlers/get-products.handler.js';
import { ContractCallFailedError } from '../../../../functions/shared/invoke/contract.js';
import { lambdaContext } from '../../../support/api-gateway.js';
import { aCategory, aProduct, inMemoryCatalog } from '../../../support/catalog/fixtures.js';

let setup: ReturnType<typeof inMemoryCatalog>;

/** A Lambda client that invokes the handler in-process, as Lambda would: errors become FunctionError. */
const inProcessLambda = (
  handler: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>,
) =>
  ({
    send: async (command: InvokeCommand) => {
      const event: unknown = JSON.parse(Buffer.from(command.input.Payload as Uint8Array).toString('utf8'));
      try {
        const result = await handler(event, lambdaContext());
        return { StatusCode: 200, Payload: Buffer.from(JSON.stringify(result)) };
      } catch (error) {
        const errorType = error instanceof Error ? error.name : 'Error';
        return {
          StatusCode: 200,
          FunctionError: 'Unhandled',
          Payload: Buffer.from(JSON.stringify({ errorType })),
        };
      }
    },
  }) as unknown as LambdaClient;

beforeEach(async () => {
  setup = inMemoryCatalog();
  await setup.deps.categories.create(aCategory('books'));
  for (const sku of ['B1', 'B2']) await setup.deps.products.create(aProduct(sku), []);
});

describe('GetProducts read contract', () => {
  it('answers current names and prices of the known skus, once each', async () => {
    const reader = catalogReader(inProcessLambda(getProductsHandler(() => setup.deps)), 'GetProducts');
    const products = await reader.getProducts(['B2', 'B1', 'B2', 'GONE-1']);
    expect(products.sort((a, b) => a.sku.localeCompare(b.sku))).toEqual([
      { sku: 'B1', name: 'Product B1', price: { amount: 1999, currency: 'USD' } },
      { sku: 'B2', name: 'Product B2', price: { amount: 1999, currency: 'USD' } },
    ]);
  });

  it('fails the call when the input breaks the contract', async () => {
    const reader = catalogReader(inProcessLambda(getProductsHandler(() => setup.deps)), 'GetProducts');
    await expect(reader.getProducts(['not a sku'])).rejects.toThrow(ContractCallFailedError);
  });
});
