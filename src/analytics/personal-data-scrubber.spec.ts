import { isValidBsn, isValidIban, PersonalDataKind, scrubPersonalData } from './personal-data-scrubber';

/** [query as typed by a KCC agent, expected scrubbed text, expected kinds in order of first appearance] */
const WITH_PERSONAL_DATA: [string, string, PersonalDataKind[]][] = [
  // BSN (elf-proef), contiguous or grouped; 8-digit BSN with the leading zero dropped
  ['bsn 123456782 paspoort verlopen', 'bsn [bsn] paspoort verlopen', ['bsn']],
  ['bsn 1234.56.782 rijbewijs verlengen', 'bsn [bsn] rijbewijs verlengen', ['bsn']],
  ['burgerservicenummer 123 456 782 adreswijziging', 'burgerservicenummer [bsn] adreswijziging', ['bsn']],
  ['bsn 12 34 56 782 uittreksel brp', 'bsn [bsn] uittreksel brp', ['bsn']],
  ['klant met bsn 111222333 belt over wmo', 'klant met bsn [bsn] belt over wmo', ['bsn']],
  ['bsn 12345672 staat niet in brp', 'bsn [bsn] staat niet in brp', ['bsn']],
  ['BSN:123-45-6782 naturalisatie', 'BSN:[bsn] naturalisatie', ['bsn']],
  ['paspoort 2 kinderen bsn 111 222 333', 'paspoort 2 kinderen bsn [bsn]', ['bsn']],
  ['huisnummer 12 123 456 782 verhuizing', 'huisnummer 12 [bsn] verhuizing', ['bsn']],
  // long numbers that are not a BSN: still removed
  ['bsn 123456789 klopt niet volgens klant', 'bsn [nummer] klopt niet volgens klant', ['number']],
  ['klantnummer 987654 terugbellen', 'klantnummer [nummer] terugbellen', ['number']],
  ['zaaknummer Z-2026-004512 bezwaar', 'zaaknummer Z-2026-[nummer] bezwaar', ['number']],
  ['klantnummer 12345678 factuur belastingen', 'klantnummer [nummer] factuur belastingen', ['number']],
  ['beschikking 87654321 huurtoeslag', 'beschikking [nummer] huurtoeslag', ['number']],
  ['rekeningnummer 1234567 oude bank', 'rekeningnummer [nummer] oude bank', ['number']],
  ['aanslag 123 456 789 kwijtschelding', 'aanslag [nummer] kwijtschelding', ['number']],
  ['objectnummer 0363 0123 4567 WOZ bezwaar', 'objectnummer [nummer] WOZ bezwaar', ['number']],
  ['dossier ZK2026001234 jeugdzorg', 'dossier ZK[nummer] jeugdzorg', ['number']],
  ['aanvraag kwijtschelding klant 123456 en 654321', 'aanvraag kwijtschelding klant [nummer] en [nummer]', ['number']],
  // phone numbers
  ['mevrouw met 06-12345678 belt over grofvuil', 'mevrouw met [telefoon] belt over grofvuil', ['phone']],
  ['terugbellen op 06 1234 5678', 'terugbellen op [telefoon]', ['phone']],
  ['0612345678 vraagt naar afvalpas', '[telefoon] vraagt naar afvalpas', ['phone']],
  ['+31 6 12345678 melding openbare ruimte', '[telefoon] melding openbare ruimte', ['phone']],
  ['+31(0)6-12345678 klacht parkeren', '[telefoon] klacht parkeren', ['phone']],
  ['0031 6 12345678 uitkering gestopt', '[telefoon] uitkering gestopt', ['phone']],
  ['vaste lijn 010-1234567 ophalen grofvuil', 'vaste lijn [telefoon] ophalen grofvuil', ['phone']],
  ['0201234567 belt over erfpacht', '[telefoon] belt over erfpacht', ['phone']],
  ['bereikbaar op 071 - 512 3456 na 17 uur', 'bereikbaar op [telefoon] na 17 uur', ['phone']],
  ['(010) 123 45 67 terugbelverzoek', '[telefoon] terugbelverzoek', ['phone']],
  ['bel terug 06 12 34 56 78 morgen', 'bel terug [telefoon] morgen', ['phone']],
  ['doorverbonden met 0800-1234 gratis', 'doorverbonden met [telefoon] gratis', ['phone']],
  ['betaalnummer 0900-1234567 klacht', 'betaalnummer [telefoon] klacht', ['phone']],
  ['belgisch nummer +32 470 12 34 56 verhuizing', 'belgisch nummer [telefoon] verhuizing', ['phone']],
  ['duits nummer 0049 30 1234567 emigratie', 'duits nummer [telefoon] emigratie', ['phone']],
  ['+31 20 123 4567 bezwaar parkeerboete', '[telefoon] bezwaar parkeerboete', ['phone']],
  // IBAN (valid and invalid checksum, compact, grouped, lower case, other countries)
  ['NL91ABNA0417164300 terugbetaling', '[iban] terugbetaling', ['iban']],
  ['rekening NL91 ABNA 0417 1643 00 kwijtschelding', 'rekening [iban] kwijtschelding', ['iban']],
  ['nl91abna0417164300 teruggave leges', '[iban] teruggave leges', ['iban']],
  ['iban NL12ABNA0123456789 klopt checksum niet', 'iban [iban] klopt checksum niet', ['iban']],
  ['belgische rekening BE68 5390 0754 7034 voor teruggave', 'belgische rekening [iban] voor teruggave', ['iban']],
  ['DE89 3704 0044 0532 0130 00 duitse rekening', '[iban] duitse rekening', ['iban']],
  ['GB82WEST12345698765432 engelse klant', '[iban] engelse klant', ['iban']],
  // e-mail
  ['jan.jansen+kcc@gmail.com wacht op antwoord', '[e-mail] wacht op antwoord', ['email']],
  ['mail naar p.de.vries@gemeente.amsterdam over paspoort', 'mail naar [e-mail] over paspoort', ['email']],
  ['e-mail: fatima_el-amrani99@hotmail.nl.', 'e-mail: [e-mail].', ['email']],
  ['klant@voorbeeld.photography wil terugbelverzoek', '[e-mail] wil terugbelverzoek', ['email']],
  ['bevestiging sturen naar jan@ziggo (extensie vergeten)', 'bevestiging sturen naar [e-mail] (extensie vergeten)', ['email']],
  // postcode, with or without house number
  ['verhuizing naar 2311 EZ 12', 'verhuizing naar [postcode]', ['postcode']],
  ['adres 1234AB 12a parkeervergunning', 'adres [postcode] parkeervergunning', ['postcode']],
  ['nieuw adres 1234 ab, 12-3 inschrijving', 'nieuw adres [postcode] inschrijving', ['postcode']],
  ['postcode 2311 EZ afvalkalender', 'postcode [postcode] afvalkalender', ['postcode']],
  ['postcode 2311ez ophaaldag', 'postcode [postcode] ophaaldag', ['postcode']],
  ['overlast buren 3511AB 5, politie gebeld', 'overlast buren [postcode], politie gebeld', ['postcode']],
  // dates of birth
  ['geboren 12-03-1985 uittreksel', 'geboren [datum] uittreksel', ['date']],
  ['geboortedatum 12/3/1985 aanvraag id-kaart', 'geboortedatum [datum] aanvraag id-kaart', ['date']],
  ['geb. 12.03.1985 rijbewijs verlengen', 'geb. [datum] rijbewijs verlengen', ['date']],
  ['geboren 1985-03-12 naturalisatie', 'geboren [datum] naturalisatie', ['date']],
  // licence plates
  ['kenteken 12-ABC-3 parkeervergunning', 'kenteken [kenteken] parkeervergunning', ['plate']],
  ['kenteken AB-12-34 weggesleept', 'kenteken [kenteken] weggesleept', ['plate']],
  ['auto 1-ABC-23 verkeerd geparkeerd', 'auto [kenteken] verkeerd geparkeerd', ['plate']],
  ['ab-12-cd bezoekersvergunning', '[kenteken] bezoekersvergunning', ['plate']],
  ['A-123-BC laadpaal aanvraag', '[kenteken] laadpaal aanvraag', ['plate']],
  ['ABC-12-D blauwe zone ontheffing', '[kenteken] blauwe zone ontheffing', ['plate']],
  ['1-AB-234 invalidenparkeerkaart', '[kenteken] invalidenparkeerkaart', ['plate']],
  ['12-AB-CD gehandicaptenparkeerplaats', '[kenteken] gehandicaptenparkeerplaats', ['plate']],
  ['kenteken AB123C ontheffing milieuzone', 'kenteken [kenteken] ontheffing milieuzone', ['plate']],
  ['kenteken ab123c ontheffing milieuzone', 'kenteken [kenteken] ontheffing milieuzone', ['plate']],
  ['gzx12k staat op invalidenplek', '[kenteken] staat op invalidenplek', ['plate']],
  // several kinds in one query
  [
    'mevrouw bsn 123456782 tel 0612345678 verhuisd naar 2311 EZ 12',
    'mevrouw bsn [bsn] tel [telefoon] verhuisd naar [postcode]',
    ['bsn', 'phone', 'postcode'],
  ],
  ['jan@example.org 06-12345678 NL91ABNA0417164300', '[e-mail] [telefoon] [iban]', ['email', 'phone', 'iban']],
  [
    'meneer belt voor dochter geboren 03-11-2010 bsn 111222333',
    'meneer belt voor dochter geboren [datum] bsn [bsn]',
    ['date', 'bsn'],
  ],
  ['afspraak verzetten 0687654321 en mail j.smit@ziggo.nl', 'afspraak verzetten [telefoon] en mail [e-mail]', ['phone', 'email']],
  ['vergunning AB-123-C bellen op 06 12 34 56 78', 'vergunning [kenteken] bellen op [telefoon]', ['plate', 'phone']],
  [
    'uitkering op NL91 ABNA 0417 1643 00 en bsn 1234.56.782',
    'uitkering op [iban] en bsn [bsn]',
    ['iban', 'bsn'],
  ],
  ['€ 250 terugbetalen op NL91ABNA0417164300', '€ 250 terugbetalen op [iban]', ['iban']],
  [
    'klacht buren 3511AB 5, telefoon +31 30 123 4567 bsn 123456789',
    'klacht buren [postcode], telefoon [telefoon] bsn [nummer]',
    ['postcode', 'phone', 'number'],
  ],
  ['NL91ABNA0417164300 123456782', '[iban] [bsn]', ['iban', 'bsn']],
  ['  bsn   123456782   paspoort  ', 'bsn [bsn] paspoort', ['bsn']],
];

/** Queries without personal data: they must come out exactly as typed. */
const WITHOUT_PERSONAL_DATA: string[] = [
  'paspoort kosten 2026',
  'afvalkalender 2027',
  'wmo 3 uur hulp',
  "parkeervergunning 2 auto's",
  'bijstand 1000 euro',
  'huisnummer 12',
  'WOZ waarde € 350.000',
  'WOZ waarde 350.000 euro',
  'WOZ waarde €350000',
  'WOZ waarde 350000 euro',
  'bijzondere bijstand 84,85 per maand',
  '3 kinderen kinderopvangtoeslag',
  'gemeente bellen via 14 071',
  'schooljaar 2025-2026 leerlingenvervoer',
  'kwijtschelding 2025 2026 aanvragen',
  'id-kaart aanvragen',
  'openingstijden stadhuis ma-vr 9-17 uur',
  'spreekuur wijkteam 9.00-17.00',
  'inloop ma 10.00-12.00 schuldhulp',
  'huurtoeslag per 1 januari 2026',
  'A4 formulier bezwaar',
  'energietoeslag 2023 terugbetalen',
  'verhuizing doorgeven binnen 5 dagen',
  'parkeren zone 3 tarief € 4,50 per uur',
  'hondenbelasting 2e hond',
  'afvalpas kwijt 2026 en 2027',
  'trouwen 1 of 2 getuigen',
  'uittreksel brp engels',
  'subsidie tot 1.250.000 voor verenigingen',
  'erfpacht canon 2026 € 12.345,67',
  'covid-19 vaccinatie locatie',
  'artikel 4:8 awb zienswijze',
  'straatnaambord Kerkstraat 12-14 kapot',
  'bouwvergunning 1500 m2 dakkapel',
  'evenement 5000 bezoekers vergunning',
  'Wmo-voorziening 2026 eigen bijdrage € 21,80',
  'boete 95 euro fout parkeren',
  'leges paspoort 18+ 2026',
  'gratis 0800 nummer gemeente',
  'monument bouwjaar 1850',
  'gft container 140 liter',
  'week12 ophaalschema',
  'container 1500kg grofvuil',
  'EUR 1.250,00 terugbetaling kinderopvang',
];

describe('scrubPersonalData', () => {
  it('has corpora of the agreed size', () => {
    expect(WITH_PERSONAL_DATA.length).toBeGreaterThanOrEqual(60);
    expect(WITHOUT_PERSONAL_DATA.length).toBeGreaterThanOrEqual(30);
  });

  describe('queries with personal data', () => {
    it.each(WITH_PERSONAL_DATA)('%s', (input, expected, kinds) => {
      expect(scrubPersonalData(input)).toEqual({ text: expected, found: kinds });
    });

    it.each(WITH_PERSONAL_DATA.map(([input]) => [input]))(
      'leaves no digit sequence of 6+ and no @ of %s',
      (input) => {
        const { text, found } = scrubPersonalData(input);
        expect(found.length).toBeGreaterThan(0);
        for (const digits of input.match(/\d{6,}/g) ?? []) expect(text).not.toContain(digits);
        expect(text).not.toMatch(/\d{6,}/);
        expect(text).not.toContain('@');
      },
    );
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

  it.each(['123456789', '000000000', '00000000', '12345678', '1234567', '1234567890', 'abcdefghi', ''])(
    'rejects %s',
    (bsn) => {
      expect(isValidBsn(bsn)).toBe(false);
    },
  );
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

  it.each(['NL12ABNA0123456789', 'NL91ABNA0417164301', 'NL91ABNA041716430', 'BE685390075470', 'NL91'])(
    'rejects %s',
    (iban) => {
      expect(isValidIban(iban)).toBe(false);
    },
  );
});
