import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildShop } from '../../infra/shop.js';

/**
 * The shop's app, built in-process into a fresh cloud assembly directory.
 * `bundle: false` skips esbuild (assets are placeholders) for tests that only
 * read the templates.
 */
export const shopApp = ({ bundle, context = {} }: { bundle: boolean; context?: Record<string, unknown> }) => {
  const outdir = mkdtempSync(join(tmpdir(), 'shop-synth-'));
  const app = new App({
    outdir,
    context: {
      'aws:cdk:enable-asset-metadata': true,
      ...context,
      ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stacks = buildShop(app);
  return { app, outdir, ...stacks };
};
