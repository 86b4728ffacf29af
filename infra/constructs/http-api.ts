import { Annotations, CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  type CorsPreflightOptions,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpMethod as RouteMethod, RouteSpec } from '../../functions/shared/http/route-spec.js';
import { acknowledge } from './acknowledge.js';
import type { TokenIssuer } from './identity.js';

export interface ShopHttpApiProps {
  readonly issuer: TokenIssuer;
  readonly corsOrigins: readonly string[];
  /** Steady-state requests per second across the stage, and the burst above it. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
}

/**
 * The shop's HTTP API: `$default` stage with throttling and access logs,
 * CORS for the configured origins, and the JWT authorizer on every route
 * that is not public. Admin routes pass the same authorizer; the function
 * checks the group, so a missing group is a 403 with a problem body.
 */
/** Where a service adds its routes: the shop's HTTP API. */
export interface RouteTarget {
  /** Adds the route in `scope`: the service's own stack holds its routes, integrations and permissions. */
  addRoute(route: Pick<RouteSpec, 'key' | 'access'>, handler: IFunction, scope: Construct): void;
}

export class ShopHttpApi extends Construct implements RouteTarget {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  private readonly authorizer: HttpJwtAuthorizer;
  private readonly requiredScopes: string[];

  constructor(scope: Construct, id: string, props: ShopHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'serverless-shop HTTP API',
      createDefaultStage: false,
      ...(props.corsOrigins.length > 0 ? { corsPreflight: this.corsPreflight(props.corsOrigins) } : {}),
    });
    if (props.corsOrigins.length === 0)
      Annotations.of(this).addWarningV2(
        'shop:no-cors-origins',
        'No corsOrigins: browsers on other origins cannot call the API. Name your shop’s with -c corsOrigins=https://shop.example.com',
      );
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.issuer.issuer, {
      jwtAudience: [...props.issuer.audience],
      identitySource: ['$request.header.Authorization'],
    });
    this.requiredScopes = [...props.issuer.requiredScopes];
    new CfnOutput(this, 'Url', { value: this.api.apiEndpoint, description: 'The shop API base URL' });
  }

  /** Routes `route.key` to `handler`, with the authorizer its access needs, in `scope`. */
  addRoute({ key, access }: Pick<RouteSpec, 'key' | 'access'>, handler: IFunction, scope: Construct): void {
    const [method, path] = key.split(' ') as [RouteMethod, string];
    const id = handler.node.id;
    const route = new HttpRoute(scope, `${id}Route`, {
      httpApi: this.api,
      routeKey: HttpRouteKey.with(path, HttpMethod[method]),
      integration: new HttpLambdaIntegration(`${id}Integration`, handler),
      ...(access === 'public'
        ? { authorizer: new HttpNoneAuthorizer() }
        : { authorizer: this.authorizer, authorizationScopes: this.requiredScopes }),
    });
    if (access === 'public') {
      acknowledge(
        route,
        'APIG4',
        `${key} is public in the API contract (API.md): no token is needed to call it.`,
      );
    }
  }

  /** CORS for the shop's own origins: its methods and headers, preflights cached for an hour. */
  private corsPreflight(origins: readonly string[]): CorsPreflightOptions {
    return {
      allowOrigins: [...origins],
      allowMethods: [
        CorsHttpMethod.GET,
        CorsHttpMethod.POST,
        CorsHttpMethod.PUT,
        CorsHttpMethod.PATCH,
        CorsHttpMethod.DELETE,
      ],
      allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
      exposeHeaders: ['location', 'x-correlation-id', 'retry-after'],
      maxAge: Duration.hours(1),
    };
  }
}
