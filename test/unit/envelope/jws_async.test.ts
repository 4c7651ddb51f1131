import { generateKeyPairSync } from 'node:crypto';
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

  it('finds no claims under another key, a changed payload, a key of another kind or a malformed token', async () => {
    const token = await signCompactJwsAsync({ alg: 'ES256' }, claims, ec.privateKey);
    expect(await verifyCompactJwsAsync(token, other.publicKey, 'ES256')).to.equal(undefined);
    const [head, , signature] = token.split('.');
    const changed = Buffer.from(JSON.stringify({ ...claims, bedrag: 1 })).toString('base64url');
    const tampered = `${head}.${changed}.${signature}`;
    expect(await verifyCompactJwsAsync(tampered, ec.publicKey, 'ES256')).to.equal(undefined);
    expect(await verifyCompactJwsAsync(token, rsa.publicKey, 'ES256')).to.equal(undefined);
    expect(await verifyCompactJwsAsync('a.b', ec.publicKey, 'ES256')).to.equal(undefined);
    expect(await verifyCompactJwsAsync(`${token}.x`, ec.publicKey, 'ES256')).to.equal(undefined);
  });
});
