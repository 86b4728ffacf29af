import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shopApp } from '../support/synth.js';
import { scaled } from '../support/time-scale.js';

/** Every region the templates must be valid in. */
const REGIONS = ['us-east-1', 'eu-west-1'];

/** CDK emits a redundant DependsOn on every function; nothing else may be ignored. */
const IGNORED = ['W3005'];

/**
 * cfn-lint: `CFN_LINT` (a command, e.g. `../shared/tools/cfn-lint/cfn-lint`
 * or `python3 -m cfnlint`), else `cfn-lint` on the PATH; or why there is none.
 */
const findCfnLint = (): { command: string[] } | { reason: string } => {
  const configured = process.env.CFN_LINT?.trim();
  if (configured) {
    const [program = '', ...args] = configured.split(/\s+/);
    const local = resolve(program);
    return { command: [existsSync(local) ? local : program, ...args] };
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .map((directory) => join(directory, 'cfn-lint'))
    .find((candidate) => existsSync(candidate));
  if (onPath) return { command: [onPath] };
  return { reason: 'no cfn-lint: set CFN_LINT or put cfn-lint on the PATH (pip install cfn-lint)' };
};

const cfnLint = findCfnLint();

describe.skipIf(!('command' in cfnLint))(
  'command' in cfnLint ? 'cfn-lint' : `cfn-lint (skipped: ${cfnLint.reason})`,
  () => {
    it.each([
      ['the simulator', {}],
      ['Stripe', { paymentProvider: 'stripe' }],
    ])(
      `finds no error or warning in any template, for ${REGIONS.join(' and ')}, with %s`,
      (_provider, context) => {
        if (!('command' in cfnLint)) return;
        const shop = shopApp({ bundle: false, context });
        shop.app.synth();
        const templates = readdirSync(shop.outdir)
          .filter((file) => file.endsWith('.template.json'))
          .map((file) => join(shop.outdir, file));
        expect(templates.length).toBeGreaterThan(2);
        const [program = '', ...args] = cfnLint.command;
        const result = spawnSync(
          program,
          [...args, '--ignore-checks', ...IGNORED, '--regions', ...REGIONS, '--', ...templates],
          { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
        );
        expect(result.error).toBeUndefined();
        expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
        expect(result.status).toBe(0);
        // A synth and a Python linter over every template: minutes on a busy machine.
      },
      scaled(600_000),
    );
  },
);
