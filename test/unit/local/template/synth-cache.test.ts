import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  synthesizedFrom,
  synthesizeShop,
  synthInputHash,
  writeSynthStamp,
} from '../../../../local/template/assembly.js';

/** A project with a file of each kind the synth reads, and an assembly synthesized from it. */
const project = () => {
  const root = mkdtempSync(join(tmpdir(), 'shop-synth-cache-'));
  for (const directory of ['infra', 'functions/orders', 'state-machines'])
    mkdirSync(join(root, directory), { recursive: true });
  writeFileSync(join(root, 'infra', 'app.ts'), 'export const app = 1;');
  writeFileSync(join(root, 'functions', 'orders', 'handler.ts'), 'export const handler = 1;');
  writeFileSync(join(root, 'package-lock.json'), '{}');
  const outdir = join(root, 'cdk.out');
  mkdirSync(join(outdir, 'asset.abc'), { recursive: true });
  writeFileSync(
    join(outdir, 'manifest.json'),
    JSON.stringify({ artifacts: { Shop: { type: 'aws:cloudformation:stack' } } }),
  );
  writeFileSync(join(outdir, 'Shop.template.json'), JSON.stringify({ Resources: {} }));
  return { root, outdir };
};

describe('the synth cache of npm start', () => {
  it('reads the assembly as it is when nothing it is made from changed, without synthesizing', () => {
    const { root, outdir } = project();
    writeSynthStamp(outdir, synthInputHash(root, {}));
    const assembly = synthesizeShop(outdir, {}, { reuse: { root } });
    expect(assembly.cached).toBe(true);
    expect(assembly.stacks.map((stack) => stack.stackName)).toEqual(['Shop']);
  });

  it('sees a change to a source file, the lock file or the context', () => {
    const { root } = project();
    const before = synthInputHash(root, {});
    expect(synthInputHash(root, {})).toBe(before);
    expect(synthInputHash(root, { sagaWorkflowType: 'EXPRESS' })).not.toBe(before);
    writeFileSync(join(root, 'functions', 'orders', 'handler.ts'), 'export const handler = 2;');
    const edited = synthInputHash(root, {});
    expect(edited).not.toBe(before);
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}');
    expect(synthInputHash(root, {})).not.toBe(edited);
  });

  it('does not reuse templates rewritten since (a cdk synth by hand) or whose bundles are gone', () => {
    const rewritten = project();
    const inputs = synthInputHash(rewritten.root, {});
    writeSynthStamp(rewritten.outdir, inputs);
    expect(synthesizedFrom(rewritten.outdir, inputs)).toBe(true);
    writeFileSync(join(rewritten.outdir, 'Shop.template.json'), JSON.stringify({ Resources: { Other: {} } }));
    expect(synthesizedFrom(rewritten.outdir, inputs)).toBe(false);

    const bundleGone = project();
    writeSynthStamp(bundleGone.outdir, inputs);
    rmSync(join(bundleGone.outdir, 'asset.abc'), { recursive: true });
    expect(synthesizedFrom(bundleGone.outdir, inputs)).toBe(false);
    expect(synthesizedFrom(bundleGone.outdir, 'other inputs')).toBe(false);
  });
});
