import { expect } from 'chai';
import * as pki from '../../../src/pki/index.ts';

describe('pki/index', () => {
  it('exports the public surface others code against', () => {
    const names = [
      'generateKeyPair',
      'createDevelopmentCa',
      'issueCertificate',
      'inspectCertificate',
      'thumbprintOf',
      'isValidOinSyntax',
      'TrustStore',
      'splitPemBundle',
      'readCertificateFile',
      'pkiInit',
      'pkiIssue',
      'pkiPaths',
    ];
    for (const name of names) expect(pki, name).to.have.property(name).that.is.a('function');
  });
});
