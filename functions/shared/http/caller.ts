import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { MissingCallerError } from '../errors.js';

/** Who is calling, as the JWT authorizer verified it. Never taken from the body, path or query. */
export interface Caller {
  readonly userId: string;
  readonly groups: readonly string[];
  readonly isAdmin: boolean;
}

export const ADMIN_GROUP = 'admin';

/**
 * Array claims reach the Lambda in several spellings depending on the issuer
 * and API Gateway: a real array, a JSON array string, or `"[admin customer]"`.
 */
export const parseGroupsClaim = (claim: unknown): string[] => {
  if (Array.isArray(claim)) return claim.filter((group): group is string => typeof group === 'string');
  if (typeof claim !== 'string') return [];
  const text = claim.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parseGroupsClaim(parsed);
    } catch {
      // Not JSON: API Gateway's bracketed, space-separated form.
    }
    return text
      .slice(1, -1)
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  return text ? text.split(/[\s,]+/) : [];
};

type JwtEvent = Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>;

/** The caller if the request carried verified claims, otherwise undefined. */
export const callerOf = (event: JwtEvent): Caller | undefined => {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  // An ID token proves who someone is to the client, not that the client may call the API.
  if (claims?.token_use === 'id') return undefined;
  const groups = parseGroupsClaim(claims?.['cognito:groups']);
  return { userId: sub, groups, isAdmin: groups.includes(ADMIN_GROUP) };
};

export const requireCaller = (event: JwtEvent): Caller => {
  const caller = callerOf(event);
  if (!caller) throw new MissingCallerError('A valid access token is required.');
  return caller;
};
