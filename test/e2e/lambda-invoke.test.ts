import { LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, inject, it } from 'vitest';
import { catalogReader } from '../../functions/catalog/contracts/get-products.js';
import { inspect } from '../support/local-cloud-client.js';

const lambda = () =>
  new LambdaClient({
    endpoint: inject('awsEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

describe('the Lambda Invoke API of the local cloud', () => {
  it("serves the catalog's read contract to the typed client other services use", async () => {
    const functionName = await findFunctionName('GetProducts');
    const products = await catalogReader(lambda(), functionName).getProducts([
      'BOOK-DDIA',
      'ELEC-KEYBOARD',
      'GONE-1',
    ]);
    expect(products.map((product) => product.sku).sort()).toEqual(['BOOK-DDIA', 'ELEC-KEYBOARD']);
    expect(products.find((product) => product.sku === 'BOOK-DDIA')?.price).toEqual({
      amount: 4599,
      currency: 'USD',
    });
  });

  it('answers an unknown function with ResourceNotFoundException', async () => {
    await expect(catalogReader(lambda(), 'NoSuchFunction').getProducts(['A1'])).rejects.toThrow(
      /Function not found/,
    );
  });
});

/** The local physical name of a function, from the inspection view. */
const findFunctionName = async (suffix: string): Promise<string> => {
  const names = await inspect<{ name: string; displayName: string }[]>('functions');
  const match = names.find((fn) => fn.displayName.endsWith(`/${suffix}`));
  if (!match) throw new Error(`no function ${suffix} among ${JSON.stringify(names).slice(0, 300)}`);
  return match.name;
};
