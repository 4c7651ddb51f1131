import { expect } from 'chai';
import { valueAt } from '@knooppunt/standard';

describe('valueAt: reading a document at an RFC 6901 JSON pointer', () => {
  const document = {
    adres: { postcode: '3531 CK' },
    vorderingen: [{ bedrag: 12050 }, { bedrag: 0 }],
    'a/b': 'slash',
    'm~n': 'tilde',
    '~1': 'escaped tilde-one',
    leeg: null,
  };

  it('reads members and array elements, the empty pointer being the whole document', () => {
    expect(valueAt(document, '/adres/postcode')).to.equal('3531 CK');
    expect(valueAt(document, '/vorderingen/1/bedrag')).to.equal(0);
    expect(valueAt(document, '/leeg')).to.equal(null);
    expect(valueAt(document, '')).to.equal(document);
  });

  it('decodes ~1 as / and ~0 as ~, in that order', () => {
    expect(valueAt(document, '/a~1b')).to.equal('slash');
    expect(valueAt(document, '/m~0n')).to.equal('tilde');
    expect(valueAt(document, '/~01')).to.equal('escaped tilde-one');
  });

  it('is undefined where the document has nothing, inherited properties included', () => {
    expect(valueAt(document, '/adres/huisnummer')).to.equal(undefined);
    expect(valueAt(document, '/vorderingen/2/bedrag')).to.equal(undefined);
    expect(valueAt(document, '/adres/postcode/0')).to.equal(undefined);
    expect(valueAt(document, '/leeg/x')).to.equal(undefined);
    expect(valueAt(document, '/constructor')).to.equal(undefined);
    expect(valueAt(document, '/adres/toString')).to.equal(undefined);
  });
});
