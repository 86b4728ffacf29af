import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import type { TestProject } from 'vitest/node';
import { readAssembly } from '../../local/template/assembly.js';

/** What the LocalStack suite runs against, or why it cannot run here. */
export type LocalStackTarget =
  | { readonly available: false; readonly reason: string }
  | {
      readonly available: true;
      readonly endpoint: string;
      readonly image: string;
      /** Whether the HTTP API and Cognito were deployed (a paid image, LOCALSTACK_AUTH_TOKEN). */
      readonly httpApi: boolean;
      readonly resources: readonly DeployedResource[];
    };

export interface DeployedResource {
  readonly stack: string;
  readonly logicalId: string;
  readonly physicalId: string;
  readonly type: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    localstack: LocalStackTarget;
  }
}

/** The last community image that runs without an account. */
export const DEFAULT_IMAGE = 'localstack/localstack:4.14.0';
const RUNTIME_PROBE_MS = 5_000;
const REGION = 'us-east-1';

const run = promisify(execFile);

/** Resolves with the container runtime's client, or rejects within `ms` with why there is none. */
const probeContainerRuntime = async (ms: number): Promise<void> => {
  const { getContainerRuntimeClient } = await import('testcontainers');
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Starts LocalStack once for the suite and deploys the shop into it with
 * cdklocal (bootstrap, then both stacks); without a paid image the HTTP API
 * and Cognito are left out (`-c httpApi=false`). Where no container runtime
 * answers within a few seconds (or SHOP_LOCALSTACK=off), the suite is told
 * why and skips.
 */
export default async function setup(project: TestProject) {
  if (process.env.SHOP_LOCALSTACK === 'off') {
    const reason = 'turned off with SHOP_LOCALSTACK=off';
    console.warn(`\nLocalStack suite skipped: ${reason}\n`);
    project.provide('localstack', { available: false, reason });
    return;
  }
  try {
    await probeContainerRuntime(RUNTIME_PROBE_MS);
  } catch (error) {
    const reason = `no container runtime (Docker or Podman) answered: ${error instanceof Error ? error.message : String(error)}`;
    console.warn(`\nLocalStack suite skipped: ${reason}\n`);
    project.provide('localstack', { available: false, reason });
    return;
  }

  const image = process.env.LOCALSTACK_IMAGE || DEFAULT_IMAGE;
  const token = process.env.LOCALSTACK_AUTH_TOKEN;
  const httpApi = Boolean(token);
  const { LocalstackContainer } = await import('@testcontainers/localstack');
  console.info(`LocalStack: starting ${image}${token ? ' (with an auth token)' : ''}…`);
  const container = await new LocalstackContainer(image)
    .withEnvironment({
      ...(token ? { LOCALSTACK_AUTH_TOKEN: token } : {}),
      // Lambda functions run in sibling containers started through the mounted socket,
      // on the runner's own architecture (the shop's functions are arm64; CI runners are x86_64).
      LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT: '120',
      LAMBDA_IGNORE_ARCHITECTURE: '1',
      // The dashboard and the event archive are not what the suite tests; an image that
      // cannot create them should deploy the rest rather than fail.
      CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES: '1',
    })
    .withBindMounts([{ source: '/var/run/docker.sock', target: '/var/run/docker.sock' }])
    .withStartupTimeout(180_000)
    .start();
  const endpoint = container.getConnectionUri();

  try {
    const env = {
      ...process.env,
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    };
    const cdklocal = join(project.config.root, 'node_modules', '.bin', 'cdklocal');
    const context = ['-c', `httpApi=${httpApi}`, '-c', 'retainData=false'];
    console.info('LocalStack: cdklocal bootstrap…');
    await run(cdklocal, ['bootstrap', `aws://000000000000/${REGION}`, ...context], {
      env,
      cwd: project.config.root,
      maxBuffer: 64 * 1024 * 1024,
    });
    console.info('LocalStack: cdklocal deploy --all…');
    await run(
      cdklocal,
      ['deploy', '--all', '--require-approval', 'never', '--progress', 'events', ...context],
      {
        env,
        cwd: project.config.root,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const cloudFormation = new CloudFormationClient({
      endpoint,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const resources: DeployedResource[] = [];
    // cdklocal deploy --all wrote the assembly to cdk.out: every stack it deployed, in order.
    const { stacks } = readAssembly(join(project.config.root, 'cdk.out'));
    for (const { stackName: stack } of stacks) {
      const { StackResources = [] } = await cloudFormation.send(
        new DescribeStackResourcesCommand({ StackName: stack }),
      );
      for (const resource of StackResources)
        resources.push({
          stack,
          logicalId: resource.LogicalResourceId ?? '',
          physicalId: resource.PhysicalResourceId ?? '',
          type: resource.ResourceType ?? '',
        });
    }
    console.info(`LocalStack: deployed ${resources.length} resources at ${endpoint}`);
    project.provide('localstack', { available: true, endpoint, image, httpApi, resources });
  } catch (error) {
    await container.stop();
    throw error;
  }
  return async () => {
    await container.stop();
  };
}
