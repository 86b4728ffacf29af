import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/service-function.js';
import { dynamoDbActionsOf, grantTableAccess } from '../../infra/constructs/table-access.js';

const fixture = join(PROJECT_ROOT, 'test/infra/fixtures/transaction-elsewhere/handler.ts');
const design = { partitionKey: 'pk', sortKey: 'sk', indexes: {} } as const;

const tableAndRole = () => {
  const stack = new Stack(new App(), 'Test');
  const table = new Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
  });
  return {
    table,
    role: new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }),
  };
};

describe('table grants derived from the code', () => {
  it('count the commands a function sends and the items of its transactions, wherever those are built', () => {
    expect(dynamoDbActionsOf(fixture)).toEqual(['ConditionCheckItem', 'DeleteItem', 'GetItem']);
  });

  it('keep only the reads for a function declared read', () => {
    const { table, role } = tableAndRole();
    grantTableAccess(table, design, role, 'read', dynamoDbActionsOf(fixture));
    const policies = Template.fromStack(Stack.of(role)).findResources('AWS::IAM::Policy');
    expect(JSON.stringify(policies)).toContain('dynamodb:GetItem');
    expect(JSON.stringify(policies)).not.toContain('DeleteItem');
  });

  it('refuse a function declared readWrite whose code writes nothing', () => {
    const { table, role } = tableAndRole();
    expect(() => grantTableAccess(table, design, role, 'readWrite', ['GetItem', 'Query'])).toThrow(
      /writes nothing/,
    );
  });
});
