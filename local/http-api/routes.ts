import { type CloudAssembly, resourcesOfType } from '../template/assembly.js';
import type { TemplateResolver } from '../template/resolver.js';
import type { JwtAuthorizerConfig } from './jwt-authorizer.js';

export interface Route {
  readonly routeKey: string;
  readonly method: string;
  readonly segments: readonly string[];
  readonly functionArn: string;
  readonly timeoutMs: number;
  readonly authorizer?: JwtAuthorizerConfig;
  readonly scopes: readonly string[];
}

export interface ApiDefinition {
  readonly apiId: string;
  readonly routes: readonly Route[];
  readonly cors?: {
    readonly allowOrigins: readonly string[];
    readonly allowMethods: readonly string[];
    readonly allowHeaders: readonly string[];
    readonly exposeHeaders: readonly string[];
    readonly maxAge?: number;
    readonly allowCredentials: boolean;
  };
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

const MAX_INTEGRATION_TIMEOUT_MS = 30_000;

/** The HTTP API of the template: routes with their integrations and authorizers, CORS, and the stage's throttling. */
export const readHttpApi = (assembly: CloudAssembly, resolver: TemplateResolver): ApiDefinition => {
  const apis = resourcesOfType(assembly, 'AWS::ApiGatewayV2::Api');
  const [api] = apis;
  if (!api || apis.length > 1) throw new Error('The local cloud serves exactly one HTTP API.');
  const apiProps = resolver.resolve(api.stackName, api.resource.Properties ?? {}) as Record<string, unknown>;
  const byId = (type: string) =>
    new Map(
      resourcesOfType(assembly, type).map(({ stackName, logicalId, resource }) => [
        resolver.ref(stackName, logicalId),
        resolver.resolve(stackName, resource.Properties ?? {}) as Record<string, unknown>,
      ]),
    );
  const integrations = byId('AWS::ApiGatewayV2::Integration');
  const authorizers = byId('AWS::ApiGatewayV2::Authorizer');
  const routes = resourcesOfType(assembly, 'AWS::ApiGatewayV2::Route').map(({ stackName, resource }) => {
    const props = resolver.resolve(stackName, resource.Properties ?? {}) as Record<string, unknown>;
    const routeKey = String(props.RouteKey);
    const integration = integrations.get(String(props.Target ?? '').replace(/^integrations\//, ''));
    if (!integration) throw new Error(`Route ${routeKey} has no integration.`);
    const authorizer =
      props.AuthorizationType === 'JWT' ? authorizers.get(String(props.AuthorizerId)) : undefined;
    const jwt = authorizer?.JwtConfiguration as { Issuer: string; Audience: string[] } | undefined;
    const identitySource =
      ((authorizer?.IdentitySource ?? ['$request.header.Authorization']) as string[])[0] ?? '';
    const [method = 'ANY', path = '/'] = routeKey === '$default' ? ['ANY', '/{proxy+}'] : routeKey.split(' ');
    return {
      routeKey,
      method,
      segments: path.split('/').filter(Boolean),
      functionArn: String(integration.IntegrationUri),
      timeoutMs: Math.min(
        Number(integration.TimeoutInMillis ?? MAX_INTEGRATION_TIMEOUT_MS),
        MAX_INTEGRATION_TIMEOUT_MS,
      ),
      ...(jwt
        ? {
            authorizer: {
              issuer: jwt.Issuer,
              audience: jwt.Audience,
              headerName: identitySource.replace(/^\$request\.header\./, '').toLowerCase(),
            },
          }
        : {}),
      scopes: (props.AuthorizationScopes ?? []) as string[],
    };
  });
  const cors = apiProps.CorsConfiguration as Record<string, unknown> | undefined;
  const stage = resourcesOfType(assembly, 'AWS::ApiGatewayV2::Stage')
    .map(
      ({ stackName, resource }) =>
        resolver.resolve(stackName, resource.Properties ?? {}) as Record<string, unknown>,
    )
    .find((props) => props.StageName === '$default');
  const settings = stage?.DefaultRouteSettings as
    | { ThrottlingRateLimit?: number; ThrottlingBurstLimit?: number }
    | undefined;
  return {
    apiId: resolver.ref(api.stackName, api.logicalId),
    routes,
    ...(cors
      ? {
          cors: {
            allowOrigins: (cors.AllowOrigins ?? []) as string[],
            allowMethods: (cors.AllowMethods ?? []) as string[],
            allowHeaders: ((cors.AllowHeaders ?? []) as string[]).map((header) => header.toLowerCase()),
            exposeHeaders: (cors.ExposeHeaders ?? []) as string[],
            ...(typeof cors.MaxAge === 'number' ? { maxAge: cors.MaxAge } : {}),
            allowCredentials: cors.AllowCredentials === true,
          },
        }
      : {}),
    ...(settings?.ThrottlingRateLimit !== undefined && settings.ThrottlingBurstLimit !== undefined
      ? { throttle: { rateLimit: settings.ThrottlingRateLimit, burstLimit: settings.ThrottlingBurstLimit } }
      : {}),
  };
};

/**
 * The route API Gateway picks: the method must match (or be ANY), literal
 * segments beat `{param}`, which beats a greedy `{param+}`; `$default` last.
 */
export const matchRoute = (
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; pathParameters: Record<string, string> } | undefined => {
  const segments = path.split('/').filter(Boolean);
  let best: { route: Route; pathParameters: Record<string, string>; score: number[] } | undefined;
  for (const route of routes) {
    if (route.method !== 'ANY' && route.method !== method) continue;
    const pathParameters: Record<string, string> = {};
    const score: number[] = [];
    let matched = true;
    for (let index = 0; index < route.segments.length; index++) {
      const pattern = route.segments[index] ?? '';
      const greedy = /^\{(.+)\+\}$/.exec(pattern);
      if (greedy?.[1]) {
        if (segments.length <= index) matched = false;
        else pathParameters[greedy[1]] = segments.slice(index).map(decodeURIComponent).join('/');
        score.push(0);
        break;
      }
      const segment = segments[index];
      if (segment === undefined) {
        matched = false;
        break;
      }
      const parameter = /^\{(.+)\}$/.exec(pattern);
      if (parameter?.[1]) {
        pathParameters[parameter[1]] = decodeURIComponent(segment);
        score.push(1);
      } else if (pattern === segment) score.push(2);
      else {
        matched = false;
        break;
      }
      if (index === route.segments.length - 1 && segments.length > route.segments.length) matched = false;
    }
    if (route.segments.length === 0 && segments.length > 0) matched = false;
    if (!matched) continue;
    score.push(route.method === 'ANY' ? 0 : 1, route.routeKey === '$default' ? 0 : 1);
    if (!best || compareScores(score, best.score) > 0) best = { route, pathParameters, score };
  }
  return best ? { route: best.route, pathParameters: best.pathParameters } : undefined;
};

const compareScores = (a: number[], b: number[]): number => {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
};
