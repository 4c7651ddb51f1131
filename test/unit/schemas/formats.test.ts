import { expect } from 'chai';
import {
  betalingskenmerkCheckDigit,
  isValidBetalingskenmerk,
  isValidBsn,
  isValidIban,
  isValidOin,
  isValidPostcode,
} from '@knooppunt/standard';

describe('schemas/formats', () => {
  describe('isValidBsn (11-test)', () => {
    it('accepts BSNs that pass the 11-test', () => {
      for (const bsn of ['111222333', '123456782', '999999990']) {
        expect(isValidBsn(bsn), bsn).to.equal(true);
      }
    });

    it('rejects a BSN whose weighted sum is not divisible by 11', () => {
      expect(isValidBsn('123456789')).to.equal(false);
      expect(isValidBsn('111222334')).to.equal(false);
    });

    it('rejects 000000000 although its sum is 0', () => {
      expect(isValidBsn('000000000')).to.equal(false);
    });

    it('weighs the last digit −1, not +1 as the bank-account 11-test did', () => {
      // 123456782 passes with −1·d9 (sum 154); with +1·d9 the sum would be 158.
      expect(isValidBsn('123456782')).to.equal(true);
      expect(isValidBsn('123456784')).to.equal(false);
    });

    it('rejects wrong lengths, spaces and non-digits', () => {
      for (const bsn of ['11122233', '1112223330', '111 222 333', '11122233a', '']) {
        expect(isValidBsn(bsn), bsn).to.equal(false);
      }
    });
  });

  describe('isValidIban (ISO 13616 mod-97)', () => {
    it('accepts valid IBANs of several countries', () => {
      const valid = [
        'NL91ABNA0417164300',
        'GB82WEST12345698765432',
        'BE68539007547034',
        'DE89370400440532013000',
        'FR1420041010050500013M02606',
        'LU280019400644750000',
      ];
      for (const iban of valid) expect(isValidIban(iban), iban).to.equal(true);
    });

    it('rejects an IBAN whose mod-97 check fails', () => {
      expect(isValidIban('NL91ABNA0417164301')).to.equal(false);
      expect(isValidIban('NL92ABNA0417164300')).to.equal(false);
    });

    it('rejects a Dutch IBAN of the wrong length or BBAN structure', () => {
      expect(isValidIban('NL91ABNA041716430')).to.equal(false);
      expect(isValidIban('NL91ABN10417164300')).to.equal(false);
    });

    it('rejects lowercase and spaced forms (the wire uses the electronic form)', () => {
      expect(isValidIban('nl91abna0417164300')).to.equal(false);
      expect(isValidIban('NL91 ABNA 0417 1643 00')).to.equal(false);
    });

    it('checks countries outside the table by mod-97 within 15..34 characters', () => {
      expect(isValidIban('NO9386011117947')).to.equal(true);
      expect(isValidIban('NO9386011117948')).to.equal(false);
      expect(isValidIban('XX00123')).to.equal(false);
    });
  });

  describe('isValidOin', () => {
    it('accepts 20 digits', () => {
      expect(isValidOin('00000001002306608000')).to.equal(true);
      expect(isValidOin('00000003273462510000')).to.equal(true);
    });

    it('rejects other lengths, non-digits and all zeros', () => {
      for (const oin of ['0000000100230660800', '000000010023066080000', '0000000100230660800a']) {
        expect(isValidOin(oin), oin).to.equal(false);
      }
      expect(isValidOin('0'.repeat(20))).to.equal(false);
    });
  });

  describe('isValidPostcode', () => {
    it('accepts Dutch postcodes with and without the space', () => {
      expect(isValidPostcode('3531 CK')).to.equal(true);
      expect(isValidPostcode('1011AB')).to.equal(true);
    });

    it('rejects the never-issued letter pairs SA, SD and SS', () => {
      for (const postcode of ['1234 SA', '1234 SD', '1234 SS']) {
        expect(isValidPostcode(postcode), postcode).to.equal(false);
      }
      expect(isValidPostcode('1234 SB')).to.equal(true);
    });

    it('rejects a leading zero, lowercase letters and other shapes', () => {
      for (const postcode of ['0123 AB', '1234 ab', '1234  AB', '12345 AB', '1234-AB']) {
        expect(isValidPostcode(postcode), postcode).to.equal(false);
      }
    });
  });

  describe('isValidBetalingskenmerk (Betaalvereniging, weighted modulus 11)', () => {
    it("computes the specification's worked example: (5)000 0567 8901 2345", () => {
      expect(betalingskenmerkCheckDigit('000056789012345')).to.equal('5');
      expect(isValidBetalingskenmerk('5000056789012345')).to.equal(true);
    });

    it('rejects a 16-digit reference with a changed digit', () => {
      expect(isValidBetalingskenmerk('5000056789012346')).to.equal(false);
      expect(isValidBetalingskenmerk('6000056789012345')).to.equal(false);
    });

    it('takes 9..14 digits with a length code, 7 digits without a check', () => {
      expect(isValidBetalingskenmerk('12234534622567')).to.equal(true); // C=1, L=2, 12 digits
      expect(isValidBetalingskenmerk('13234534622567')).to.equal(false); // wrong length code
      expect(isValidBetalingskenmerk('1234567')).to.equal(true);
    });

    it('rejects the lengths the specification has no place for, and non-digits', () => {
      for (const value of ['123456', '12345678', '123456789012345', 'INC-2024-77812', '']) {
        expect(isValidBetalingskenmerk(value), value).to.equal(false);
      }
    });
  });
});
