import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/**
 * Lets `callers` invoke another service's read contract: the function
 * itself, not its versions (`grantInvoke` would add `<arn>:*`).
 */
export const grantContractInvoke = (contract: IFunction, ...callers: IFunction[]): void => {
  for (const caller of callers)
    caller.addToRolePolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [contract.functionArn] }),
    );
};
