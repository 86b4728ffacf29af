import type * as ClientDynamoDB from '@aws-sdk/client-dynamodb';
import type * as LibDynamoDB from '@aws-sdk/lib-dynamodb';
import type * as UtilDynamoDB from '@aws-sdk/util-dynamodb';
import { sdkPackage } from './lazy-sdk.js';

/**
 * The DynamoDB SDK as the functions use it, loaded by `require` when a
 * function loads. The packages are CommonJS: an ES module that imports one
 * has Node scan its source for its exports before it runs, and that scan
 * was about a fifth of a function's init (38 ms of ListOrders' 176 ms on the
 * bench's machine), more than all of the function's own code. `require`
 * loads the same package, with no scan. Code in `functions/` imports these
 * names from here, and only types from `@aws-sdk/*` (the architecture test
 * holds it to that). Each class is a value and a type, as it is in the SDK.
 */
const client = sdkPackage<typeof ClientDynamoDB>('@aws-sdk/client-dynamodb');
const documents = sdkPackage<typeof LibDynamoDB>('@aws-sdk/lib-dynamodb');

export const { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } = client;
export type ConditionalCheckFailedException = ClientDynamoDB.ConditionalCheckFailedException;
export type DynamoDBClient = ClientDynamoDB.DynamoDBClient;
export type TransactionCanceledException = ClientDynamoDB.TransactionCanceledException;
export type { AttributeValue } from '@aws-sdk/client-dynamodb';

export const {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} = documents;
export type DynamoDBDocumentClient = LibDynamoDB.DynamoDBDocumentClient;
export type {
  PutCommandInput,
  QueryCommandInput,
  TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

export const { unmarshall } = sdkPackage<typeof UtilDynamoDB>('@aws-sdk/util-dynamodb');
