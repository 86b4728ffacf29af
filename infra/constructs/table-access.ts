import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { TableDesign } from '../../functions/shared/service-manifest.js';

const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * Grants a function what its use cases do to a service table, naming the
 * table and each of its indexes (CDK's own table grants add `index/*`).
 * No Scan: every read in the shop is a key lookup or a query.
 */
export const grantTableAccess = (
  table: ITable,
  design: TableDesign,
  grantee: IGrantable,
  access: 'read' | 'readWrite',
): void => {
  const indexArns = Object.values(design.indexes).map((index) =>
    Stack.of(table).formatArn({
      service: 'dynamodb',
      resource: 'table',
      resourceName: `${table.tableName}/index/${index.name}`,
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: access === 'read' ? READ : [...READ, ...WRITE],
      resources: [table.tableArn],
    }),
  );
  if (indexArns.length > 0) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: indexArns }),
    );
  }
};
