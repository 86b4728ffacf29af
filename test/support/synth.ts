import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildShop, STATELESS_PREFIX } from '../../infra/shop.js';

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

/** Every stack of the app that holds no state: `ShopApi` and the `ShopApi-…` stacks. */
export const statelessStacks = (app: App): Stack[] =>
  app.node.children.filter(
    (child): child is Stack =>
      Stack.isStack(child) &&
      (child.stackName === STATELESS_PREFIX || child.stackName.startsWith(`${STATELESS_PREFIX}-`)),
  );

type Json = unknown;

/**
 * The stateless stacks as one template, as the shop was before its split:
 * resources and outputs together, and every import of another stateless
 * stack's export replaced by the exported value (a `Ref` or `Fn::GetAtt`).
 * Imports from `ShopData` stay imports. Logical ids are unique across the
 * stacks because each holds its own service's construct.
 */
export const statelessTemplate = (app: App): Template => {
  const templates = statelessStacks(app).map((stack) => Template.fromStack(stack).toJSON());
  const exported = new Map<string, Json>();
  for (const template of templates)
    for (const output of Object.values(
      (template.Outputs ?? {}) as Record<string, { Value: Json; Export?: { Name: Json } }>,
    ))
      if (typeof output.Export?.Name === 'string') exported.set(output.Export.Name, output.Value);
  const resolve = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      const [only] = entries;
      if (entries.length === 1 && only?.[0] === 'Fn::ImportValue' && typeof only[1] === 'string') {
        const local = exported.get(only[1]);
        if (local !== undefined) return local;
      }
      return Object.fromEntries(entries.map(([key, inner]) => [key, resolve(inner)]));
    }
    return value;
  };
  const merged = { Resources: {} as Record<string, Json>, Outputs: {} as Record<string, Json> };
  for (const template of templates) {
    for (const [id, resource] of Object.entries((template.Resources ?? {}) as Record<string, Json>)) {
      if (id in merged.Resources) throw new Error(`Two stateless stacks hold a resource ${id}.`);
      merged.Resources[id] = resolve(resource);
    }
    for (const [id, output] of Object.entries((template.Outputs ?? {}) as Record<string, Json>))
      if (!id.startsWith('ExportsOutput')) merged.Outputs[id] = resolve(output);
  }
  return Template.fromJSON(merged);
};
