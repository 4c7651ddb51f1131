import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { expect } from 'chai';
import {
  signCompactJws,
  signCompactJwsAsync,
  verifyCompactJws,
  verifyCompactJwsAsync,
} from '../../../packages/standard/src/envelope/jws.ts';

// The hub verifies envelopes and signs receipts on libuv's thread pool (issue 14): the
// asynchronous forms must agree with the synchronous ones in every case.
describe('compact JWS on the thread pool', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const claims = { messageId: 'm-1', bedrag: 123456, omschrijving: 'één' };

  it('signs what the synchronous check accepts, and checks what the synchronous form signed', async () => {
    const token = await signCompactJwsAsync({ alg: 'ES256' }, claims, ec.privateKey);
    expect(verifyCompactJws(token, ec.publicKey, 'ES256')).to.deep.equal(claims);
    const sync = signCompactJws({ alg: 'ES256' }, claims, ec.privateKey);
    expect(await verifyCompactJwsAsync(sync, ec.publicKey, 'ES256')).to.deep.equal(claims);
  });

  it('signs and checks PS256 too', async () => {
    const token = await signCompactJwsAsync({ alg: 'PS256' }, claims, rsa.privateKey);
    expect(await verifyCompactJwsAsync(token, rsa.publicKey, 'PS256')).to.deep.equal(claims);
  });

  it('finds no claims under another key, a changed payload, a key of another kind or a malformed token, in either form', async () => {
    const token = await signCompactJwsAsync({ alg: 'ES256' }, claims, ec.privateKey);
    const [head, , signature] = token.split('.');
    const changed = Buffer.from(JSON.stringify({ ...claims, bedrag: 1 })).toString('base64url');
    const refused: [string, string, KeyObject][] = [
      ['another key', token, other.publicKey],
      ['a changed payload', `${head}.${changed}.${signature}`, ec.publicKey],
      ['an RSA key under ES256', token, rsa.publicKey],
      ['two parts', 'a.b', ec.publicKey],
      ['four parts', `${token}.x`, ec.publicKey],
    ];
    for (const [what, candidate, key] of refused) {
      expect(verifyCompactJws(candidate, key, 'ES256'), what).to.equal(undefined);
      expect(await verifyCompactJwsAsync(candidate, key, 'ES256'), what).to.equal(undefined);
    }
  });

  it('fails with the same code in both forms when asked to sign with a public key', async () => {
    const code = 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE';
    expect(() => signCompactJws({ alg: 'ES256' }, claims, ec.publicKey))
      .to.throw()
      .with.property('code', code);
    const rejection: unknown = await signCompactJwsAsync(
      { alg: 'ES256' },
      claims,
      ec.publicKey,
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(rejection).to.have.property('code', code);
  });

  it('puts the same signing input before the signature in both forms', async () => {
    const header = { alg: 'ES256', kid: 'hub-1' } as const;
    const sync = signCompactJws(header, claims, ec.privateKey);
    const pooled = await signCompactJwsAsync(header, claims, ec.privateKey);
    const input = [header, claims]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.');
    expect(sync.slice(0, sync.lastIndexOf('.'))).to.equal(input);
    expect(pooled.slice(0, pooled.lastIndexOf('.'))).to.equal(input);
  });
});
