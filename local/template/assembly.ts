import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/**
 * Synthesizes the shop, bundling every function with the local esbuild,
 * exactly as `cdk synth` would, in a child process, and reads the result back.
 */
export const synthesizeShop = (outdir: string, context: Record<string, unknown> = {}): CloudAssembly => {
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
  return readAssembly(outdir);
};

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
