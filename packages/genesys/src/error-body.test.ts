import { describe, expect, it } from 'vitest';
import { errorFromFailure, kindForStatus, missingPermission, redact } from './error-body.js';

describe('errorFromFailure', () => {
  it('names the request, the missing permission and the contextId', () => {
    const error = errorFromFailure(
      {
        method: 'GET',
        path: '/api/v2/voicemail/users/u1/messages',
        status: 403,
        headers: {},
        body: {
          message:
            'Unable to perform the requested action. You are missing the following ' +
            'permission(s): [voicemail:voicemail:viewOther]',
          code: 'missing.permissions',
          status: 403,
          contextId: 'ctx-1',
        },
      },
      [],
    );
    expect(error).toMatchObject({
      kind: 'permission',
      code: 'missing.permissions',
      status: 403,
      contextId: 'ctx-1',
      permission: 'voicemail:voicemail:viewOther',
      retryable: false,
    });
    expect(error.message).toBe(
      'Genesys refused GET /api/v2/voicemail/users/u1/messages: missing permission ' +
        'voicemail:voicemail:viewOther (contextId ctx-1)',
    );
  });

  it('falls back to the correlation header and survives a body that is not JSON', () => {
    const error = errorFromFailure(
      {
        method: 'POST',
        path: '/api/v2/voicemail/messages',
        status: 502,
        headers: { 'inin-correlation-id': 'ctx-2' },
        body: '<html>Bad gateway</html>',
      },
      [],
    );
    expect(error).toMatchObject({ kind: 'server', status: 502, contextId: 'ctx-2' });
    expect(error.code).toBeUndefined();
    expect(error.retryable).toBe(true);
  });

  it('scrubs secrets a server echoes back', () => {
    const error = errorFromFailure(
      {
        method: 'POST',
        path: '/oauth/token',
        status: 400,
        headers: {},
        body: { message: 'bad secret s3cr3t-value', code: 'bad.request' },
      },
      ['s3cr3t-value'],
    );
    expect(error.message).not.toContain('s3cr3t-value');
    expect(error.message).toContain('[redacted]');
  });
});

describe('helpers', () => {
  it('maps statuses to kinds', () => {
    expect([400, 401, 403, 404, 409, 429, 500, 503].map(kindForStatus)).toEqual([
      'bad_request',
      'auth',
      'permission',
      'not_found',
      'bad_request',
      'rate_limited',
      'server',
      'server',
    ]);
  });

  it('reads a permission from messageParams when the message does not name it', () => {
    expect(
      missingPermission({ message: 'Forbidden', messageParams: { perm: 'directory:user:view' } }),
    ).toBe('directory:user:view');
    expect(missingPermission({ message: 'Forbidden' })).toBeUndefined();
  });

  it('leaves text alone when there is nothing to redact', () => {
    expect(redact('plain', ['', 'abc'])).toBe('plain');
  });
});
