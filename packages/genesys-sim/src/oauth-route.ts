import type { IssuedToken, TokenIssuer } from './tokens.js';

export interface OAuthAnswer {
  status: number;
  body: object;
  token?: IssuedToken;
}

function basicCredentials(header: string | undefined): [string, string] | undefined {
  const encoded = header?.match(/^Basic\s+(\S+)\s*$/i)?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

function oauthError(status: number, error: string, description: string): OAuthAnswer {
  return { status, body: { error, description, error_description: description } };
}

/**
 * POST /oauth/token with the client-credentials grant: Basic auth (or client_id/client_secret in
 * the form body), answering `{access_token, token_type: 'bearer', expires_in}`.
 */
export function issueToken(
  tokens: TokenIssuer,
  authorization: string | undefined,
  rawBody: string,
  lifetimeSeconds: number,
): OAuthAnswer {
  const form = new URLSearchParams(rawBody);
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
  }
  const fromForm = form.get('client_id');
  const credentials =
    basicCredentials(authorization) ??
    (fromForm === null ? undefined : [fromForm, form.get('client_secret') ?? '']);
  if (!credentials) return oauthError(401, 'invalid_client', 'client authentication is required');

  const token = tokens.issue(credentials[0], credentials[1], lifetimeSeconds);
  if (!token) return oauthError(401, 'invalid_client', 'client not found or secret mismatch');
  return {
    status: 200,
    token,
    body: { access_token: token.accessToken, token_type: 'bearer', expires_in: lifetimeSeconds },
  };
}
