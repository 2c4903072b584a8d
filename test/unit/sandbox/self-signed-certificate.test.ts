import { createPublicKey, createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:https';
import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../../src/sandbox/self-signed-certificate.js';
import { startSandbox } from '../../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../../src/sandbox/scenarios.js';

describe('the sandbox certificate, made at start', () => {
  it('is a self-signed CA certificate for 127.0.0.1 and localhost with an EC P-256 key, signed by that key', () => {
    // given
    const now = new Date('2026-12-06T08:00:00Z');
    // when
    const { cert, key } = selfSignedCertificate(now, 30);
    const x509 = new X509Certificate(cert);
    // then
    expect(x509.subject).toBe('CN=shipmate sandbox');
    expect(x509.issuer).toBe('CN=shipmate sandbox');
    expect(x509.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(createPublicKey(cert).asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(new Date(x509.validFrom).toISOString()).toBe('2026-12-06T07:00:00.000Z');
    expect(new Date(x509.validTo).toISOString()).toBe('2027-01-05T08:00:00.000Z');
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('is valid DER every time: a thousand certificates load into a TLS context', () => {
    for (let i = 0; i < 1000; i++) {
      const { cert, key } = selfSignedCertificate();
      expect(() => createSecureContext({ cert, key })).not.toThrow();
    }
  });

  it('is a new key and serial at every start', () => {
    const [a, b] = [selfSignedCertificate(), selfSignedCertificate()];
    expect(a.key).not.toBe(b.key);
    expect(new X509Certificate(a.cert).serialNumber).not.toBe(new X509Certificate(b.cert).serialNumber);
  });

  it('serves HTTPS that a client trusting it accepts and any other client refuses; its file is gone after close', async () => {
    // given
    const sandbox = await startSandbox({ world: loadScenario('healthy').world });
    const status = (ca?: string) =>
      new Promise<number | string>((resolve) => {
        get(`${sandbox.httpsUrl}/nothing-here`, ca ? { ca } : {}, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
    try {
      // when / then
      expect(readFileSync(sandbox.caCertificatePath, 'utf8')).toBe(sandbox.caCertificate);
      expect(await status(sandbox.caCertificate)).toBe(404);
      expect(await status(selfSignedCertificate().cert)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      expect(await status()).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    } finally {
      await sandbox.close();
    }
    expect(existsSync(sandbox.caCertificatePath)).toBe(false);
  });
});
