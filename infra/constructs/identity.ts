import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ADMIN_GROUP } from '../../functions/shared/http/caller.js';
import { acknowledge } from './acknowledge.js';

/** The scope Cognito puts in every access token it issues for USER_PASSWORD_AUTH; ID tokens carry none. */
export const COGNITO_ACCESS_TOKEN_SCOPE = 'aws.cognito.signin.user.admin';

/** Who issues the tokens the API accepts, as its JWT authorizer needs to know it. */
export interface TokenIssuer {
  readonly issuer: string;
  readonly audience: readonly string[];
  /** Scopes every protected route requires. */
  readonly requiredScopes: readonly string[];
}

/**
 * The shop's user pool: self sign-up with email, a password policy matching
 * the API's rules, one app client for USER_PASSWORD_AUTH and refresh tokens,
 * and the `admin` group.
 */
export class ShopIdentity extends Construct implements TokenIssuer {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly requiredScopes = [COGNITO_ACCESS_TOKEN_SCOPE];

  constructor(scope: Construct, id: string, props: { retain: boolean; emailFrom?: string }) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      // Codes go out through SES from a verified identity when one is given; Cognito's own
      // sender has a small daily quota (docs/api.md, "Accounts"), which scripted sign-ups use up.
      ...(props.emailFrom
        ? {
            // The identity must be verified in SES in the stack's own region.
            email: UserPoolEmail.withSES({ fromEmail: props.emailFrom, sesRegion: Stack.of(this).region }),
            userVerification: {
              emailSubject: 'Your serverless-shop code',
              emailBody:
                'Your code to confirm your email for serverless-shop is {####}. It works for 24 hours.',
              emailStyle: VerificationEmailStyle.CODE,
            },
          }
        : {}),
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      // The API's rule (API.md): at least 8 characters, no composition rules (as NIST SP 800-63B advises).
      passwordPolicy: {
        minLength: 8,
        requireLowercase: false,
        requireUppercase: false,
        requireDigits: false,
        requireSymbols: false,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.client = this.userPool.addClient('ApiClient', {
      authFlows: { userPassword: true },
      // The API signs in with passwords and refresh tokens only: no hosted UI, no OAuth flows
      // (CDK's default turns on the code and implicit grants, with example.com as callback).
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
    });
    acknowledge(
      this.userPool,
      'COG1',
      'The API contract sets the password rule (at least 8 characters); composition rules weaken real passwords (NIST SP 800-63B).',
    );
    acknowledge(
      this.userPool,
      'COG2',
      'MFA is offered (TOTP) but not forced on shoppers; admins should enrol.',
    );
    acknowledge(
      this.userPool,
      'COG8',
      'The Plus feature plan (threat protection) costs per active user; the Essentials plan is the default, Plus a one-line change.',
    );
    new CfnUserPoolGroup(this, 'AdminGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: ADMIN_GROUP,
      description: 'Shop administrators: catalog, inventory and shipping',
    });
    new CfnOutput(this, 'UserPoolId', {
      value: this.userPool.userPoolId,
      description: 'For npm run admin:grant',
    });
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.audience = [this.client.userPoolClientId];
  }
}
