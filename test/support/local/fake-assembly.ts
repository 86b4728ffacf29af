import type { CfnResource, CloudAssembly } from '../../../local/template/assembly.js';
import { TemplateResolver } from '../../../local/template/resolver.js';

/** A one-stack cloud assembly from a handful of resources, for testing local services without a synth. */
export const fakeAssembly = (resources: Record<string, CfnResource>, stackName = 'Test'): CloudAssembly => ({
  directory: '/nonexistent',
  stacks: [{ stackName, template: { Resources: resources } }],
});

export const resolverFor = (assembly: CloudAssembly) =>
  new TemplateResolver(assembly, {
    region: 'us-east-1',
    awsEndpoint: 'http://aws.local',
    apiEndpoint: 'http://api.local',
  });
