import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JWK,
  type JWTPayload,
  jwtVerify,
} from 'jose';

export interface JwtAuthorizerConfig {
  readonly issuer: string;
  readonly audience: readonly string[];
  /** `$request.header.Authorization` → `authorization`. */
  readonly headerName: string;
}

export type AuthorizerOutcome =
  | { readonly ok: true; readonly claims: Record<string, string>; readonly scopes: string[] }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string };

/**
 * The `www-authenticate` header API Gateway sends with a refusal, as its
 * troubleshooting guide for JWT authorizers shows it:
 * `Bearer scope="" error="invalid_token" error_description="…"`; a missing
 * scope is `insufficient_scope` with the route's scopes.
 */
export const wwwAuthenticate = (
  outcome: Extract<AuthorizerOutcome, { ok: false }>,
  requiredScopes: readonly string[],
): string =>
  outcome.status === 403
    ? `Bearer scope="${requiredScopes.join(' ')}" error="insufficient_scope" error_description="${outcome.reason}"`
    : `Bearer scope="" error="invalid_token" error_description="${outcome.reason}"`;

/** API Gateway accepts RSA signatures only. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];

type KeyResolver = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;

/**
 * The checks API Gateway's JWT authorizer makes, in its order: a token in the
 * identity source (an optional `Bearer ` prefix), an RSA signature by a key of
 * the issuer's JWKS found by `kid`, `iss`, `exp`, `nbf` and `iat`, `aud` or
 * else `client_id` among the audiences, then the route's scopes (403 when missing).
 */
export class JwtAuthorizer {
  private readonly keySets = new Map<string, KeyResolver>();

  constructor(private readonly localIssuers: ReadonlyMap<string, { keys: JWK[] }>) {}

  private keysFor(issuer: string): KeyResolver {
    let keys = this.keySets.get(issuer);
    if (!keys) {
      const local = this.localIssuers.get(issuer);
      keys = local
        ? createLocalJWKSet({ keys: local.keys })
        : createRemoteJWKSet(new URL(`${issuer.replace(/\/$/, '')}/.well-known/jwks.json`));
      this.keySets.set(issuer, keys);
    }
    return keys;
  }

  async authorize(
    headers: Readonly<Record<string, string | undefined>>,
    config: JwtAuthorizerConfig,
    requiredScopes: readonly string[],
    now = new Date(),
  ): Promise<AuthorizerOutcome> {
    const raw = headers[config.headerName]?.trim();
    if (!raw) return { ok: false, status: 401, reason: 'the token is missing' };
    const token = /^bearer\s+/i.test(raw) ? raw.replace(/^bearer\s+/i, '') : raw;
    let payload: JWTPayload;
    try {
      const header = decodeProtectedHeader(token);
      if (!header.alg || !ALGORITHMS.includes(header.alg))
        return { ok: false, status: 401, reason: `signing method ${String(header.alg)} is invalid` };
      // API Gateway finds the key by the token's kid; a token without one is refused, even when the
      // issuer has a single key that would verify it.
      if (!header.kid) return { ok: false, status: 401, reason: 'the token has no kid' };
      ({ payload } = await jwtVerify(token, this.keysFor(config.issuer), {
        issuer: config.issuer,
        algorithms: ALGORITHMS,
        currentDate: now,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      return { ok: false, status: 401, reason: refusal(error) };
    }
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (typeof payload.iat === 'number' && payload.iat > nowSeconds)
      return { ok: false, status: 401, reason: 'the token is not valid yet (iat)' };
    const audiences = payload.aud === undefined ? [] : [payload.aud].flat();
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
    const presented = audiences.length > 0 ? audiences : clientId ? [clientId] : [];
    if (!presented.some((audience) => config.audience.includes(audience)))
      return { ok: false, status: 401, reason: 'the token does not have a valid audience' };
    const scopes = scopesOf(payload);
    if (requiredScopes.length > 0 && !requiredScopes.some((scope) => scopes.includes(scope))) {
      return { ok: false, status: 403, reason: 'the token does not have a required scope' };
    }
    return { ok: true, claims: claimsAsApiGatewayGivesThem(payload), scopes };
  }
}

/** What a failed verification says, in the words of the claim that failed. */
const refusal = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'the token is not valid yet (nbf)';
    if (error.claim === 'iss') return 'the token does not have a valid issuer';
    if (error.claim === 'exp') return 'the token has no expiry';
    return `the token's ${error.claim} claim is invalid`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the issuer matches the kid';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature is invalid';
  return 'the token is malformed';
};

const scopesOf = (payload: JWTPayload): string[] => {
  const claim = payload.scope ?? payload.scp;
  if (typeof claim === 'string') return claim.split(' ').filter(Boolean);
  if (Array.isArray(claim)) return claim.filter((scope): scope is string => typeof scope === 'string');
  return [];
};

/** API Gateway hands claims to the function as strings; an array becomes `[a b]`. */
export const claimsAsApiGatewayGivesThem = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String(value),
    ]),
  );
