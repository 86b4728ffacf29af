import { describe, expect, it } from 'vitest';
import type { CloudAssembly } from '../../../../local/template/assembly.js';
import { TemplateResolver } from '../../../../local/template/resolver.js';

const assembly: CloudAssembly = {
  directory: '/x',
  stacks: [
    {
      stackName: 'Data',
      template: {
        Resources: {
          Table: { Type: 'AWS::DynamoDB::Table' },
          Bus: { Type: 'AWS::Events::EventBus' },
          Pool: { Type: 'AWS::Cognito::UserPool' },
        },
        Outputs: {
          TableName: { Value: { Ref: 'Table' }, Export: { Name: 'Data:TableName' } },
          BusArn: {
            Value: { 'Fn::GetAtt': ['Bus', 'Arn'] },
            Export: { Name: { 'Fn::Sub': '${AWS::StackName}:BusArn' } },
          },
        },
      },
    },
    {
      stackName: 'Api',
      template: {
        Resources: {
          Queue: { Type: 'AWS::SQS::Queue' },
          Secret: { Type: 'AWS::SecretsManager::Secret' },
          Fn: { Type: 'AWS::Lambda::Function' },
        },
      },
    },
  ],
};

const resolver = new TemplateResolver(assembly, {
  region: 'eu-west-1',
  awsEndpoint: 'http://127.0.0.1:4000',
  apiEndpoint: 'http://127.0.0.1:3000',
});

describe('TemplateResolver', () => {
  it('resolves Ref to local physical names and pseudo parameters', () => {
    expect(resolver.resolve('Data', { Ref: 'Table' })).toBe('Data-Table');
    expect(resolver.resolve('Api', { Ref: 'AWS::Region' })).toBe('eu-west-1');
    expect(resolver.resolve('Api', { Ref: 'Queue' })).toBe('http://127.0.0.1:4000/000000000000/Api-Queue');
  });

  it('resolves Fn::GetAtt to local ARNs', () => {
    expect(resolver.resolve('Api', { 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe(
      'arn:aws:lambda:eu-west-1:000000000000:function:Api-Fn',
    );
    expect(resolver.resolve('Data', { 'Fn::GetAtt': 'Bus.Arn' })).toBe(
      'arn:aws:events:eu-west-1:000000000000:event-bus/Data-Bus',
    );
  });

  it('resolves Fn::Join, Fn::Sub, Fn::Select and Fn::Split', () => {
    expect(
      resolver.resolve('Data', {
        'Fn::Join': [
          '',
          [
            'https://cognito-idp.',
            { Ref: 'AWS::Region' },
            '.',
            { Ref: 'AWS::URLSuffix' },
            '/',
            { Ref: 'Pool' },
          ],
        ],
      }),
    ).toBe(`https://cognito-idp.eu-west-1.amazonaws.com/${resolver.ref('Data', 'Pool')}`);
    expect(resolver.resolve('Data', { 'Fn::Sub': 'table ${Table} in ${AWS::Region}' })).toBe(
      'table Data-Table in eu-west-1',
    );
    expect(resolver.resolve('Data', { 'Fn::Sub': ['${Name}!', { Name: { Ref: 'Table' } }] })).toBe(
      'Data-Table!',
    );
    expect(resolver.resolve('Data', { 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
  });

  it('resolves Fn::ImportValue from the exporting stack', () => {
    expect(resolver.resolve('Api', { 'Fn::ImportValue': 'Data:TableName' })).toBe('Data-Table');
    expect(resolver.resolve('Api', { 'Fn::ImportValue': 'Data:BusArn' })).toContain(':event-bus/Data-Bus');
  });

  it('replaces a Secrets Manager dynamic reference by one stable local secret', () => {
    const reference = {
      'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, ':SecretString:::}}']],
    };
    const first = resolver.resolveString('Api', reference);
    expect(first).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(resolver.resolveString('Api', reference)).toBe(first);
  });

  it('uses attributes provided once the resource exists', () => {
    resolver.provide('Data', 'Table', { StreamArn: 'arn:stream' });
    expect(resolver.resolve('Data', { 'Fn::GetAtt': ['Table', 'StreamArn'] })).toBe('arn:stream');
  });

  it('says so when it meets an intrinsic it does not support', () => {
    expect(() => resolver.resolve('Data', { 'Fn::GetAZs': '' })).toThrow(/does not support Fn::GetAZs/);
  });
});
