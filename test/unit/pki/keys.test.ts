import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import {
  KEY_ALGORITHMS,
  generateKeyPair,
  isKeyAlgorithm,
  keyAlgorithmOf,
} from '../../../src/pki/keys.ts';

describe('pki/keys', () => {
  it('generates RSA keys with a 3072-bit modulus and exponent 65537', () => {
    const { privateKey, publicKey } = generateKeyPair('rsa-3072');
    expect(privateKey.type).to.equal('private');
    expect(publicKey.asymmetricKeyType).to.equal('rsa');
    expect(publicKey.asymmetricKeyDetails?.modulusLength).to.equal(3072);
    expect(publicKey.asymmetricKeyDetails?.publicExponent).to.equal(65537n);
  });

  it('generates EC keys on P-256', () => {
    const { publicKey } = generateKeyPair('p256');
    expect(publicKey.asymmetricKeyType).to.equal('ec');
    expect(publicKey.asymmetricKeyDetails?.namedCurve).to.equal('prime256v1');
  });

  it('recognises keys of the profile and no others', () => {
    expect(keyAlgorithmOf(generateKeyPair('p256').publicKey)).to.equal('p256');
    expect(keyAlgorithmOf(generateKeyPair('rsa-3072').privateKey)).to.equal('rsa-3072');
    const small = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey;
    const ed25519 = generateKeyPairSync('ed25519').publicKey;
    expect([small, p384, ed25519].map(keyAlgorithmOf)).to.deep.equal([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('parses key algorithm names for options', () => {
    expect(KEY_ALGORITHMS).to.deep.equal(['rsa-3072', 'p256']);
    expect(isKeyAlgorithm('p256')).to.equal(true);
    expect(isKeyAlgorithm('rsa-2048')).to.equal(false);
  });
});
