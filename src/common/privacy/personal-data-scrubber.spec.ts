import { scrubPersonalData } from './personal-data-scrubber';
import { isValidBsn, isValidIban } from './validators';

import { WITHOUT_PERSONAL_DATA, WITH_PERSONAL_DATA } from '../../../test/support/personal-data-corpus';

describe('scrubPersonalData', () => {
  it('has corpora of the agreed size', () => {
    expect(WITH_PERSONAL_DATA.length).toBeGreaterThanOrEqual(60);
    expect(WITHOUT_PERSONAL_DATA.length).toBeGreaterThanOrEqual(30);
  });

  describe('queries with personal data', () => {
    it.each(WITH_PERSONAL_DATA)('%s', (input, expected, kinds) => {
      expect(scrubPersonalData(input)).toEqual({ text: expected, found: kinds });
    });

    it.each(WITH_PERSONAL_DATA.map(([input]) => [input]))('leaves no digit sequence of 6+ and no @ of %s', (input) => {
      const { text, found } = scrubPersonalData(input);
      expect(found.length).toBeGreaterThan(0);
      for (const digits of input.match(/\d{6,}/g) ?? []) expect(text).not.toContain(digits);
      expect(text).not.toMatch(/\d{6,}/);
      expect(text).not.toContain('@');
    });
  });

  describe('queries without personal data', () => {
    it.each(WITHOUT_PERSONAL_DATA.map((q) => [q]))('%s stays unchanged', (input) => {
      expect(scrubPersonalData(input)).toEqual({ text: input, found: [] });
    });
  });

  describe('documented decisions', () => {
    it('removes a bare number of 6+ digits even when it is an amount without currency', () => {
      expect(scrubPersonalData('WOZ waarde 350000').text).toBe('WOZ waarde [nummer]');
    });

    it('keeps amounts with a currency sign or word and numbers with thousand separators (up to 7 digits)', () => {
      expect(scrubPersonalData('WOZ waarde 350.000').text).toBe('WOZ waarde 350.000');
      expect(scrubPersonalData('€ 350000 schade').text).toBe('€ 350000 schade');
      expect(scrubPersonalData('schade 350000,- euro').text).toBe('schade 350000,- euro');
      expect(scrubPersonalData('saldo 12.345.678').text).toBe('saldo [nummer]');
    });

    it('scrubs 0800/0900 service numbers although they may have fewer than 9 digits, keeps 14 + area code', () => {
      expect(scrubPersonalData('0800-1234 en 0906-123456').text).toBe('[telefoon] en [telefoon]');
      expect(scrubPersonalData('14 071 of 14071').text).toBe('14 071 of 14071');
    });

    it('does not take a phone-like sequence of fewer than 9 digits for a phone number', () => {
      expect(scrubPersonalData('bel 06-123 terug').text).toBe('bel 06-123 terug');
      // ...but 6+ digits are still a long number
      expect(scrubPersonalData('bel 06-1234 terug')).toEqual({ text: 'bel [nummer] terug', found: ['number'] });
    });

    it('accepts lower-case postcode letters only without a space or with a house number', () => {
      expect(scrubPersonalData('2311 ez 12').text).toBe('[postcode]');
      expect(scrubPersonalData('2311ez').text).toBe('[postcode]');
      expect(scrubPersonalData('in 2026 ez').text).toBe('in 2026 ez');
      expect(scrubPersonalData('2026 en 12 kinderen').text).toBe('2026 en 12 kinderen');
    });

    it('never takes the unissued letter pairs SA, SD and SS for a postcode', () => {
      expect(scrubPersonalData('1234 SA').text).toBe('1234 SA');
      expect(scrubPersonalData('1234 SD').text).toBe('1234 SD');
      expect(scrubPersonalData('1234 ss 5').text).toBe('1234 ss 5');
    });

    it('takes unhyphenated lower-case plates only when vowel-free or after the word kenteken', () => {
      expect(scrubPersonalData('ab123c').text).toBe('ab123c');
      expect(scrubPersonalData('kenteken: ab123c').text).toBe('kenteken: [kenteken]');
      expect(scrubPersonalData('AB123C').text).toBe('[kenteken]');
      expect(scrubPersonalData('bdf12g').text).toBe('[kenteken]');
      expect(scrubPersonalData('test12 week12').text).toBe('test12 week12');
    });

    it('takes an unhyphenated code for a plate only when it matches a side-code and mixes letters and digits', () => {
      expect(scrubPersonalData('ABCDEF').text).toBe('ABCDEF');
      expect(scrubPersonalData('A1B2C3').text).toBe('A1B2C3');
      expect(scrubPersonalData('AB12CD').text).toBe('[kenteken]');
    });

    it('requires a valid day and month for a date, and a four-digit year', () => {
      expect(scrubPersonalData('geboren 31-12-1999').text).toBe('geboren [datum]');
      expect(scrubPersonalData('geboren 2001/1/9').text).toBe('geboren [datum]');
      expect(scrubPersonalData('versie 45-13-1985').text).toBe('versie 45-13-1985');
      // a two-digit year is not recognised as a date, but its six digits still go as a long number
      expect(scrubPersonalData('geboren 12-03-85').text).toBe('geboren [nummer]');
      expect(scrubPersonalData('geboren 1-3-85').text).toBe('geboren 1-3-85');
    });

    it('does not let an IBAN swallow the words that follow it', () => {
      expect(scrubPersonalData('XY12 3456 7890 1234 56 onbekend land').text).toBe('[iban] onbekend land');
      expect(scrubPersonalData('BE68 5390 0754 7034 2 keer teruggestort').text).toBe('[iban] 2 keer teruggestort');
      expect(scrubPersonalData('nr1234 ab12 code').text).toBe('nr1234 ab12 code');
    });
  });

  describe('result shape', () => {
    it('lists every kind once, in order of first appearance', () => {
      const result = scrubPersonalData('tel 0612345678 bsn 123456782 mail a@b.nl tel 0201234567 bsn 111222333');
      expect(result.text).toBe('tel [telefoon] bsn [bsn] mail [e-mail] tel [telefoon] bsn [bsn]');
      expect(result.found).toEqual(['phone', 'bsn', 'email']);
    });

    it('collapses whitespace and trims', () => {
      expect(scrubPersonalData('  paspoort \t kosten  2026 ')).toEqual({ text: 'paspoort kosten 2026', found: [] });
      expect(scrubPersonalData('')).toEqual({ text: '', found: [] });
    });

    it('is not confused by private-use characters in the input', () => {
      expect(scrubPersonalData('paspoort\ue000 kosten\ue003').text).toBe('paspoort kosten');
    });
  });

  describe('long input', () => {
    // Every pattern is bounded (see the header); these are the shapes that were not.
    it('removes an e-mail address whose local part is longer than allowed', () => {
      const text = scrubPersonalData(`${'a'.repeat(80)}@example.nl`).text;
      expect(text).toBe(`${'a'.repeat(16)}[e-mail]`);
      expect(text).not.toContain('example');
    });

    it('still finds an e-mail address after a long run without one', () => {
      expect(scrubPersonalData(`${'a.'.repeat(5_000)} jan@example.nl`).text).toBe(`${'a.'.repeat(5_000)} [e-mail]`);
    });

    it('scrubs a very long run of BSNs without running out of stack', () => {
      const run = Array.from({ length: 20_000 }, () => '111222333').join('.');
      expect(scrubPersonalData(run).text).toBe(Array.from({ length: 20_000 }, () => '[bsn]').join('.'));
    });

    it('finds personal data between long runs of candidates that are none', () => {
      const noise = 'NL12 1234 '.repeat(2_000) + '1234 SA '.repeat(2_000) + 'ab12cd '.repeat(2_000);
      const result = scrubPersonalData(`${noise} bel 0612345678`);
      expect(result.text.endsWith('bel [telefoon]')).toBe(true);
    });
  });

  describe('generated BSNs', () => {
    // Deterministic pseudo-random BSNs, written in every format agents use.
    const bsns: string[] = [];
    let seed = 20260301;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    while (bsns.length < 100) {
      const candidate = String(100000000 + (next() % 900000000));
      if (isValidBsn(candidate)) bsns.push(candidate);
    }
    const formats: ((b: string) => string)[] = [
      (b) => b,
      (b) => `${b.slice(0, 4)}.${b.slice(4, 6)}.${b.slice(6)}`,
      (b) => `${b.slice(0, 3)} ${b.slice(3, 6)} ${b.slice(6)}`,
      (b) => `${b.slice(0, 2)} ${b.slice(2, 4)} ${b.slice(4, 6)} ${b.slice(6)}`,
    ];

    it('scrubs every valid BSN in every common notation as [bsn]', () => {
      for (const bsn of bsns) {
        for (const format of formats) {
          const result = scrubPersonalData(`bsn ${format(bsn)} paspoort`);
          expect(result).toEqual({ text: 'bsn [bsn] paspoort', found: ['bsn'] });
        }
      }
    });

    it('scrubs a 9-digit number that fails the elf-proef as [nummer]', () => {
      for (const bsn of bsns) {
        const broken = bsn.slice(0, 8) + String((Number(bsn[8]) + 1) % 10);
        expect(isValidBsn(broken)).toBe(false);
        expect(scrubPersonalData(`bsn ${broken} paspoort`).text).toBe('bsn [nummer] paspoort');
      }
    });
  });
});

describe('isValidBsn (elf-proef)', () => {
  it.each(['111222333', '123456782', '12345672', '1234.56.782', '123 456 782'])('accepts %s', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
  });

  it.each(['123456789', '000000000', '00000000', '12345678', '1234567', '1234567890', 'abcdefghi', ''])('rejects %s', (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });
});

describe('isValidIban (mod-97)', () => {
  it.each([
    'NL91ABNA0417164300',
    'NL91 ABNA 0417 1643 00',
    'nl91abna0417164300',
    'BE68539007547034',
    'DE89370400440532013000',
    'GB82WEST12345698765432',
  ])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each(['NL12ABNA0123456789', 'NL91ABNA0417164301', 'NL91ABNA041716430', 'BE685390075470', 'NL91'])('rejects %s', (iban) => {
    expect(isValidIban(iban)).toBe(false);
  });
});
