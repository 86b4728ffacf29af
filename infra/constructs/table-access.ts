import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { buildSync } from 'esbuild';
import type { TableDesign } from '../../functions/shared/service-manifest.js';
import { PROJECT_ROOT } from './service-function.js';

/** The IAM actions a DynamoDB command needs (a transaction's depend on its items, below). */
const ACTIONS_OF_COMMAND: Readonly<Record<string, readonly string[]>> = {
  GetCommand: ['GetItem'],
  GetItemCommand: ['GetItem'],
  BatchGetCommand: ['BatchGetItem'],
  BatchGetItemCommand: ['BatchGetItem'],
  TransactGetCommand: ['GetItem'],
  TransactGetItemsCommand: ['GetItem'],
  QueryCommand: ['Query'],
  ScanCommand: ['Scan'],
  PutCommand: ['PutItem'],
  PutItemCommand: ['PutItem'],
  UpdateCommand: ['UpdateItem'],
  UpdateItemCommand: ['UpdateItem'],
  DeleteCommand: ['DeleteItem'],
  DeleteItemCommand: ['DeleteItem'],
  BatchWriteCommand: ['BatchWriteItem'],
  BatchWriteItemCommand: ['BatchWriteItem'],
  TransactWriteCommand: [],
  TransactWriteItemsCommand: [],
};

/** A TransactWriteItems needs the action of each kind of item it holds. */
const ACTIONS_OF_TRANSACTION_ITEM: Readonly<Record<string, string>> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};

const READ_ACTIONS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'ConditionCheckItem']);

/**
 * What one source file can do to a table: the commands it sends (those it
 * imports from `functions/shared/dynamodb-sdk.ts`, the only place functions
 * take them from: the architecture test refuses value imports of
 * `@aws-sdk/*`), and the kinds of transaction items it builds.
 */
interface SourceActions {
  readonly commands: readonly string[];
  /** Actions of the `Put`, `Update`, `Delete` and `ConditionCheck` items it builds, wherever they are sent. */
  readonly transactionItems: readonly string[];
  readonly sendsTransactions: boolean;
}

const actionsBySource = new Map<string, SourceActions>();

const actionsInSource = (file: string): SourceActions => {
  const known = actionsBySource.get(file);
  if (known) return known;
  const source = readFileSync(file, 'utf8');
  const imported = [
    ...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(?:\.\.?\/)+(?:[\w-]+\/)*dynamodb-sdk\.js'/g),
  ].flatMap((match) =>
    (match[1] ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '' && !name.startsWith('type '))
      // `PutCommand as Put`: the command is the imported name.
      .map((name) => name.split(/\s+as\s+/)[0] ?? name),
  );
  const actions: SourceActions = {
    commands: imported.flatMap((command) => ACTIONS_OF_COMMAND[command] ?? []),
    transactionItems: [...source.matchAll(/\b(Put|Update|Delete|ConditionCheck):\s*\{/g)].flatMap((match) => {
      const action = ACTIONS_OF_TRANSACTION_ITEM[match[1] ?? ''];
      return action ? [action] : [];
    }),
    sendsTransactions: imported.some((command) => /^TransactWrite(Items)?Command$/.test(command)),
  };
  actionsBySource.set(file, actions);
  return actions;
};

const actionsByEntry = new Map<string, readonly string[]>();

/**
 * The DynamoDB actions a function's code can call: those of every source
 * file of ours its bundle keeps (esbuild's metafile, dependencies left out,
 * with the same `define` as its bundle). A file is counted whole: a store's
 * unused methods count too, so this errs towards more, never fewer.
 */
export const dynamoDbActionsOf = (
  entry: string,
  define: Readonly<Record<string, string>> = {},
): readonly string[] => {
  const key = `${entry}\n${JSON.stringify(define)}`;
  const known = actionsByEntry.get(key);
  if (known) return known;
  const { metafile } = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
    absWorkingDir: PROJECT_ROOT,
    define: { ...define },
  });
  const files = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file),
  );
  const sources = files.map((file) => actionsInSource(join(PROJECT_ROOT, file)));
  // Transaction items are often built in one file and sent by a helper in another.
  const transactions = sources.some((source) => source.sendsTransactions)
    ? sources.flatMap((source) => source.transactionItems)
    : [];
  const actions = [...new Set([...sources.flatMap((source) => source.commands), ...transactions])].sort();
  actionsByEntry.set(key, actions);
  return actions;
};

/**
 * Grants a function the actions its code calls on a service table, naming
 * the table and each of its indexes (CDK's own table grants add `index/*`):
 * derived from the code (`dynamoDbActionsOf`), and limited to reads when the
 * manifest declares `read`. A function declared `readWrite` whose code
 * writes nothing is refused: its declaration says more than it needs.
 */
export const grantTableAccess = (
  table: ITable,
  design: TableDesign,
  grantee: IGrantable,
  access: 'read' | 'readWrite',
  actionsInCode: readonly string[],
): void => {
  const actions =
    access === 'read' ? actionsInCode.filter((action) => READ_ACTIONS.has(action)) : actionsInCode;
  if (access === 'readWrite' && actions.every((action) => READ_ACTIONS.has(action)))
    throw new Error(
      `${grantee.grantPrincipal}: declared readWrite on its table, but its code writes nothing to it; declare read.`,
    );
  if (actions.length === 0) return;
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: actions.map((action) => `dynamodb:${action}`),
      resources: [table.tableArn],
    }),
  );
  const indexArns = Object.values(design.indexes).map((index) =>
    Stack.of(table).formatArn({
      service: 'dynamodb',
      resource: 'table',
      resourceName: `${table.tableName}/index/${index.name}`,
    }),
  );
  if (indexArns.length > 0 && actions.includes('Query'))
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: indexArns }),
    );
};
