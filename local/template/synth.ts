import { App } from 'aws-cdk-lib';
import { buildShop } from '../../infra/shop.js';

/**
 * `tsx local/template/synth.ts <outdir> [<context JSON>]`: synthesizes the
 * shop, bundling every function, as `cdk synth` would. The local cloud runs it
 * in a child process so that the CDK library does not stay in its memory.
 */
const [outdir, contextJson = '{}'] = process.argv.slice(2);
if (!outdir) {
  process.stderr.write('usage: synth.ts <outdir> [<context JSON>]\n');
  process.exit(2);
}
const context = JSON.parse(contextJson) as Record<string, unknown>;
// The CLI asks for asset and path metadata; this synth must too: assets and readable names come from them.
const app = new App({
  outdir,
  context: { 'aws:cdk:enable-asset-metadata': true, 'aws:cdk:enable-path-metadata': true, ...context },
});
buildShop(app);
app.synth();
