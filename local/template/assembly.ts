import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalCloudError } from '../errors.js';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
  readonly DependsOn?: string | string[];
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

export interface StackTemplate {
  readonly stackName: string;
  readonly template: CfnTemplate;
}

export interface CloudAssembly {
  readonly directory: string;
  /** In deployment order: a stack comes after the stacks it imports from. */
  readonly stacks: readonly StackTemplate[];
}

/** What the synth is made from: a change to any of these makes the next start synthesize again. */
const SYNTH_INPUTS = ['infra', 'functions', 'state-machines'];
const SYNTH_INPUT_FILES = ['package-lock.json', 'package.json', 'tsconfig.json', 'cdk.json'];
const STAMP_FILE = '.local-synth.json';

const filesUnder = (directory: string): string[] =>
  existsSync(directory)
    ? readdirSync(directory, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name))
        .sort()
    : [];

const hashOf = (files: readonly string[], extra: string): string => {
  const hash = createHash('sha256').update(extra);
  for (const file of files) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
};

/** The content of everything the synth reads from the project, with the context it is given. */
export const synthInputHash = (root: string, context: Record<string, unknown>): string =>
  hashOf(
    [
      ...SYNTH_INPUTS.flatMap((directory) => filesUnder(join(root, directory))),
      ...SYNTH_INPUT_FILES.map((file) => join(root, file)).filter((file) => existsSync(file)),
    ],
    JSON.stringify(context),
  );

/** The templates in an output directory: `cdk synth` run by hand there changes them. */
const outputHash = (outdir: string): string =>
  hashOf(
    existsSync(outdir)
      ? readdirSync(outdir)
          .filter((name) => name.endsWith('.template.json') || name === 'manifest.json')
          .sort()
          .map((name) => join(outdir, name))
      : [],
    // The asset directories too: a start must not read templates whose bundles are gone.
    existsSync(outdir)
      ? readdirSync(outdir)
          .filter((name) => name.startsWith('asset.'))
          .sort()
          .join('\n')
      : '',
  );

/**
 * Synthesizes the shop, bundling every function with the local esbuild,
 * exactly as `cdk synth` would, in a child process, and reads the result
 * back. With `reuse`, an assembly synthesized from the same inputs (the
 * content of infra/, functions/, state-machines/, the lock file and the
 * context) is read as it is, without synthesizing again; `cached` says so.
 */
export const synthesizeShop = (
  outdir: string,
  context: Record<string, unknown> = {},
  options: { reuse?: { root: string } } = {},
): CloudAssembly & { readonly cached: boolean } => {
  const inputs = options.reuse ? synthInputHash(options.reuse.root, context) : undefined;
  if (inputs && synthesizedFrom(outdir, inputs)) return { ...readAssembly(outdir), cached: true };
  rmSync(join(outdir, STAMP_FILE), { force: true });
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'synth.ts'), outdir, JSON.stringify(context)],
    {
      encoding: 'utf8',
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) {
    throw new LocalCloudError(
      `The CDK app did not synthesize:\n${(result.stderr || result.stdout || String(result.error)).trim()}`,
    );
  }
  if (inputs) writeSynthStamp(outdir, inputs);
  return { ...readAssembly(outdir), cached: false };
};

interface SynthStamp {
  readonly inputs?: string;
  readonly output?: string;
}

/**
 * Whether the assembly in `outdir` was synthesized from inputs hashing to
 * `inputs`, and its templates and bundles are still the ones written then.
 */
export const synthesizedFrom = (outdir: string, inputs: string): boolean => {
  const stampFile = join(outdir, STAMP_FILE);
  if (!existsSync(stampFile)) return false;
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as SynthStamp;
  return stamp.inputs === inputs && stamp.output === outputHash(outdir);
};

/** Records that the assembly in `outdir` was synthesized from inputs hashing to `inputs`. */
export const writeSynthStamp = (outdir: string, inputs: string): void =>
  writeFileSync(join(outdir, STAMP_FILE), JSON.stringify({ inputs, output: outputHash(outdir) }));

interface Manifest {
  artifacts: Record<
    string,
    { type: string; properties?: { templateFile?: string }; dependencies?: string[] }
  >;
}

export const readAssembly = (directory: string): CloudAssembly => {
  const manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as Manifest;
  const stacks = Object.entries(manifest.artifacts)
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([stackName, artifact]) => ({
      stackName,
      dependencies: (artifact.dependencies ?? []).filter(
        (name) => manifest.artifacts[name]?.type === 'aws:cloudformation:stack',
      ),
      template: JSON.parse(
        readFileSync(
          join(directory, artifact.properties?.templateFile ?? `${stackName}.template.json`),
          'utf8',
        ),
      ) as CfnTemplate,
    }));
  const ordered: StackTemplate[] = [];
  const pending = [...stacks];
  while (pending.length > 0) {
    const index = pending.findIndex((stack) =>
      stack.dependencies.every((name) => ordered.some((done) => done.stackName === name)),
    );
    if (index < 0) throw new Error('The cloud assembly has circular stack dependencies.');
    const [next] = pending.splice(index, 1);
    if (next) ordered.push({ stackName: next.stackName, template: next.template });
  }
  return { directory, stacks: ordered };
};

/** Resources of the given type across the assembly, skipping conditional CDK metadata. */
export const resourcesOfType = (assembly: CloudAssembly, type: string) =>
  assembly.stacks.flatMap(({ stackName, template }) =>
    Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === type && resource.Condition === undefined)
      .map(([logicalId, resource]) => ({ stackName, logicalId, resource })),
  );

/** A readable name for a resource: its CDK construct path without the stack, e.g. `Catalog/CreateProduct`. */
export const displayNameOf = (resource: CfnResource, logicalId: string): string => {
  const path = resource.Metadata?.['aws:cdk:path'];
  if (typeof path !== 'string') return logicalId;
  const parts = path.split('/').slice(1);
  if (parts.at(-1) === 'Resource') parts.pop();
  return parts.join('/') || logicalId;
};
