import { expect } from 'chai';
import { formatTable } from '../../../src/text/table.ts';

describe('text/table', () => {
  it('pads columns to their widest cell, aligns the right ones right, rules the header', () => {
    const lines = formatTable(
      ['creditor', 'claim'],
      [
        ['CJIB', '€ 1.234,56'],
        ['Energie Direct B.V.', '€ 12,00'],
      ],
      { right: [1], rule: true },
    );
    expect(lines).to.deep.equal([
      'creditor                  claim',
      '-------------------  ----------',
      'CJIB                 € 1.234,56',
      'Energie Direct B.V.     € 12,00',
    ]);
  });

  it('leaves no trailing spaces and takes a missing cell as empty', () => {
    expect(formatTable(['a', 'b'], [['x']])).to.deep.equal(['a  b', 'x']);
  });
});
