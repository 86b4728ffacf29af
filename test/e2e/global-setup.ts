import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalCloud } from '../../local/cloud.js';
import { describeMemory, footprint } from '../../local/footprint.js';
import { freePort } from '../../local/net.js';
import { adminAccount, seed } from '../../local/seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    awsEndpoint: string;
    clientId: string;
    admin: { email: string; password: string };
    dynamodbEndpoint: string;
    tables: Record<string, string>;
    eventBusName: string;
  }
}

/** Starts the local cloud once for the whole end-to-end suite, as `npm start` does. */
export default async function setup(project: TestProject) {
  const workDirectory = mkdtempSync(join(tmpdir(), 'shop-e2e-'));
  const logFile = join(workDirectory, 'local-cloud.log');
  const lines: string[] = [];
  const cloud = await startLocalCloud({
    port: await freePort(),
    outdir: join(workDirectory, 'cdk.out'),
    stateDirectory: join(workDirectory, 'state'),
    timeScale: 0.001,
    // As in the cloud: sign-ups wait for their emailed code (test/support reads it from the local pool).
    signUpConfirmation: 'code',
    log: (line) => lines.push(line),
  });
  const admin = adminAccount({});
  try {
    await seed(cloud, admin, join(workDirectory, 'state'));
  } catch (error) {
    await cloud.stop();
    process.stderr.write(`${lines.join('\n')}\n`);
    throw error;
  }
  project.provide('apiUrl', cloud.apiUrl);
  project.provide('awsEndpoint', cloud.awsEndpoint);
  project.provide('clientId', cloud.userPool.clientId);
  project.provide('admin', { email: admin.email, password: admin.password });
  project.provide('dynamodbEndpoint', cloud.endpoints.dynamodbEndpoint);
  project.provide('tables', { ...cloud.endpoints.tables });
  project.provide('eventBusName', cloud.endpoints.eventBusName);
  return async () => {
    // What the local cloud holds once the suite is done (docs/local-cloud.md records it).
    const sandboxes = Object.values(cloud.functions.sandboxCounts).reduce((sum, count) => sum + count, 0);
    process.stdout.write(
      `local cloud after the e2e suite: memory ${describeMemory(footprint(cloud.dynamoDbPid))} ` +
        `(vitest's own process included), ${sandboxes} warm sandboxes\n`,
    );
    await cloud.stop();
    writeFileSync(logFile, lines.join('\n'));
    if (process.env.SHOP_E2E_KEEP_LOGS) process.stdout.write(`local cloud log: ${logFile}\n`);
    else rmSync(workDirectory, { recursive: true, force: true });
  };
}
