import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CfnResource } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { shopApp, statelessTemplate } from '../support/synth.js';
import { scaled } from '../support/time-scale.js';

const MAX_BUNDLE_BYTES = 300 * 1024;

/** Bundling every function takes a minute on a quiet machine and several on a busy one. */
const BUNDLING_TIMEOUT_MS = scaled(600_000);

let outdir: string;
let assets: string[];

beforeAll(() => {
  const shop = shopApp({ bundle: true });
  shop.app.synth();
  outdir = shop.outdir;
  const functions = statelessTemplate(shop.app).findResources('AWS::Lambda::Function');
  // Functions with the same entry share one bundle (the outbox relays).
  assets = [...new Set(Object.values(functions).map((fn) => String(fn.Metadata?.['aws:asset:path'])))];
}, BUNDLING_TIMEOUT_MS);

describe('every function', () => {
  it('is bundled as minified ESM with a source map, under 300 KiB', () => {
    expect(assets.length).toBeGreaterThan(10);
    expect(assets.every((asset) => asset.startsWith('asset.'))).toBe(true);
    for (const asset of assets) {
      const bundle = join(outdir, asset, 'index.mjs');
      expect(existsSync(`${bundle}.map`)).toBe(true);
      expect(statSync(bundle).size, asset).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
      const code = readFileSync(bundle, 'utf8');
      // Minified: long lines, no indentation.
      expect(code.length / code.split('\n').length, asset).toBeGreaterThan(1000);
      expect(code).toContain('sourceMappingURL=index.mjs.map');
      // The simulator's shop: no bundle carries a payment provider's SDK.
      expect(code, asset).not.toContain(STRIPE_HOST);
    }
  });
});

/** In the Stripe SDK, and in no code of ours. */
const STRIPE_HOST = 'api.stripe.com';

describe('with -c paymentProvider=stripe', () => {
  it(
    "bundles Stripe's SDK into the functions that talk to Stripe, and only those",
    () => {
      const shop = shopApp({
        bundle: true,
        context: { paymentProvider: 'stripe', 'aws:cdk:bundling-stacks': ['ShopApi-Payments'] },
      });
      shop.app.synth();
      const payments = shop.services.payments;
      if (!payments) throw new Error('no payments service');
      const withStripe = Object.entries(payments.functions).map(([name, fn]) => {
        const resource = fn.node.defaultChild;
        if (!(resource instanceof CfnResource)) throw new Error(`${name} has no CloudFormation resource`);
        const asset = resource.getMetadata('aws:asset:path');
        return [
          name,
          readFileSync(join(shop.outdir, String(asset), 'index.mjs'), 'utf8').includes(STRIPE_HOST),
        ];
      });
      expect(Object.fromEntries(withStripe)).toEqual({
        ProcessPayment: true,
        RefundPayment: true,
        ListOrderPayments: false,
        ReceivePaymentWebhook: true,
      });
    },
    BUNDLING_TIMEOUT_MS,
  );
});
