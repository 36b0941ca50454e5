import { describe, expect, it } from 'vitest';
import { isSecretPath, SECRET_PATHS, secretEntries, withoutSecrets } from '../../src/config/secrets.js';
import { encodedForms, redact, registerSecret, REDACTED } from '../../src/util/redact.js';

describe('which config values are secrets', () => {
  it('reads the keys the schemas mark format: password', () => {
    expect(SECRET_PATHS.map((p) => p.join('.')).sort()).toEqual([
      'source.serviceConnection.config.authType.password',
      'source.serviceConnection.config.password',
      'source.serviceConnection.config.sslConfig.sslKey',
      'source.sourceConfig.config.dbtConfigSource.dbtCloudAuthToken',
      'workflowConfig.openMetadataServerConfig.securityConfig.jwtToken',
      'workflowConfig.openMetadataServerConfig.sslConfig.sslKey',
    ]);
  });

  it('takes a key whose name says secret anywhere, and nothing else', () => {
    expect(isSecretPath(['source', 'serviceConnection', 'config', 'connectionArguments', 'password'])).toBe(true);
    expect(isSecretPath(['workflowConfig', 'openMetadataServerConfig', 'extraHeaders', 'Authorization'])).toBe(true);
    expect(isSecretPath(['source', 'serviceConnection', 'config', 'username'])).toBe(false);
    expect(isSecretPath(['source', 'serviceConnection', 'config', 'sslConfig', 'caCertificate'])).toBe(false);
    // Where secrets are kept is no secret: `secretsManagerProvider: db` is neither redacted nor warned about.
    expect(isSecretPath(['workflowConfig', 'openMetadataServerConfig', 'secretsManagerProvider'])).toBe(false);
    expect(isSecretPath(['workflowConfig', 'openMetadataServerConfig', 'secretsManagerLoader'])).toBe(false);
    expect(isSecretPath(['source', 'serviceConnection', 'config', 'connectionArguments', 'client_secret'])).toBe(true);
  });

  it('lists the values and strips them from a copy', () => {
    const connection = {
      username: 'u',
      authType: { password: 'p1' },
      sslConfig: { caCertificate: 'ca', sslKey: 'k' },
      connectionArguments: { password: 'p2' },
    };
    const config = { source: { serviceConnection: { config: connection } } };
    expect(secretEntries(config).map((e) => e.value)).toEqual(['p1', 'k', 'p2']);
    expect(withoutSecrets(connection, ['source', 'serviceConnection', 'config'])).toEqual({ username: 'u', sslConfig: { caCertificate: 'ca' } });
  });
});

describe('redaction', () => {
  const secret = 'Pa"ss\\w/rd+ é&=';

  it('knows each encoding of a secret', () => {
    const forms = encodedForms(secret, 'alice');
    expect(forms).toContain('Pa\\"ss\\\\w/rd+ é&=');
    expect(forms).toContain('Pa\\\\\\"ss\\\\\\\\w/rd+ é&=');
    expect(forms).toContain(encodeURIComponent(secret));
    expect(forms).toContain(Buffer.from(secret).toString('base64'));
    expect(forms).toContain(Buffer.from(`alice:${secret}`).toString('base64'));
  });

  it('hides every one of them in a line', () => {
    registerSecret(secret, { user: 'alice' });
    const body = JSON.stringify({ connection: { password: secret } });
    const line = `400 [Source: (String)"${body}"] status=${JSON.stringify(body)} url=${encodeURIComponent(secret)} auth=Basic ${Buffer.from(`alice:${secret}`).toString('base64')}`;
    const out = redact(line);
    for (const form of encodedForms(secret, 'alice')) expect(out).not.toContain(form);
    expect(out.split(REDACTED).length - 1).toBe(4);
  });
});
