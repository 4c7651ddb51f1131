import { expect } from 'chai';
import {
  allMessageTypes,
  compareVersions,
  defaultVersion,
  KnooppuntError,
} from '@knooppunt/standard';

describe('catalogue: defaultVersion (which version to send)', () => {
  it('sends the newest version of the type that the recipient takes', () => {
    expect(defaultVersion('saldoverzoek', ['2.0', '2.1'])).to.equal('2.1');
    expect(defaultVersion('saldoverzoek', ['2.1', '2.0'])).to.equal('2.1');
    expect(defaultVersion('saldoverzoek', ['2.0'])).to.equal('2.0');
  });

  it("sends the type's oldest version when the recipient's versions are not known", () => {
    expect(defaultVersion('saldoverzoek')).to.equal('2.0');
    expect(defaultVersion('saldoverzoek', undefined)).to.equal('2.0');
    // A type new in 2.1 has only 2.1.
    expect(defaultVersion('signaal-betalingsachterstand')).to.equal('2.1');
  });

  it('has no version for a recipient that takes none of the type', () => {
    expect(defaultVersion('signaal-betalingsachterstand', ['2.0'])).to.equal(undefined);
    expect(defaultVersion('saldoverzoek', [])).to.equal(undefined);
  });

  it('chooses only among the versions the sender can write', () => {
    expect(defaultVersion('saldoverzoek-antwoord', ['2.0', '2.1'], ['2.1'])).to.equal('2.1');
    expect(defaultVersion('saldoverzoek-antwoord', ['2.0'], ['2.1'])).to.equal(undefined);
    expect(defaultVersion('saldoverzoek-antwoord', ['2.0', '2.1'], ['2.0'])).to.equal('2.0');
    expect(defaultVersion('saldoverzoek-antwoord', undefined, ['2.1'])).to.equal('2.1');
  });

  it('gives every catalogue type one of its own versions, the oldest by default', () => {
    for (const spec of allMessageTypes()) {
      const oldest = [...spec.versions].sort(compareVersions)[0];
      expect(defaultVersion(spec.name), spec.name).to.equal(oldest);
      expect(defaultVersion(spec.name, spec.versions), spec.name).to.equal(spec.versions.at(-1));
    }
  });

  it('refuses a type not in the catalogue', () => {
    expect(() => defaultVersion('geen-type'))
      .to.throw(KnooppuntError)
      .with.property('code', 'MESSAGE_TYPE_UNKNOWN');
  });
});
