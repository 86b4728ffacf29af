import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildShop } from '../../infra/shop.js';

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
 * Synthesizes the shop in-process, bundling every function with the local
 * esbuild, exactly as `cdk synth` would, and reads the result back.
 */
export const synthesizeShop = (outdir: string, context: Record<string, unknown> = {}): CloudAssembly => {
  // The CLI asks for asset metadata; in-process synth must too, or assets cannot be found in the template.
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true, ...context } });
  buildShop(app);
  app.synth();
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
