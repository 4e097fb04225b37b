import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { SECTION_KEYS } from '../../articles/article-content';
import { department, fullProduct, liveArticle, testUuid, TEST_MUNICIPALITY } from '../../../test/support/live-article';
import {
  KISS_SECTION_FIELDS,
  OWMS_OPEN_END_DATE,
  UPL_NOT_AVAILABLE,
  toKissKennisartikel,
  toKissVac,
  toObjectsApiPage,
  toObjectsApiRecord,
  type KissKennisartikelOptions,
} from './kiss-mapper';
import kennisartikelSchema from '../../../test/support/kiss-schemas/kennisartikel-schema.json';
import vacSchema from '../../../test/support/kiss-schemas/vac-schema.json';

const MARKER = 'KCC-ONLY-MARKER-7f3a';

function validator(schema: object): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

function expectValid(validate: ValidateFunction, data: unknown): void {
  const ok = validate(data);
  // The errors in the failure message say which field broke.
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const options = (includeDeskMemo: boolean, uuid = testUuid()): KissKennisartikelOptions => ({
  includeDeskMemo,
  objectUrl: `https://kennisbank.lindeveen.nl/api/kiss/kennisartikelen/${uuid}`,
  organisation: { name: TEST_MUNICIPALITY.name, owmsUri: TEST_MUNICIPALITY.owmsUri },
});

const products = {
  full: () => fullProduct({ kccNotes: `Alleen voor het KCC: ${MARKER}` }),
  fewSectionsNoUpl: () =>
    liveArticle({
      content: {
        title: 'Boom kappen',
        summary: 'Voor een boom dikker dan 30 cm heeft u een vergunning nodig.',
        sections: { inleiding: 'Kappen mag niet zomaar.', kosten: 'Het kost € 75.' },
        kccNotes: `Vraag naar de boomsoort. ${MARKER}`,
        targetGroups: ['burger'],
      },
    }),
  ondernemerOnly: () =>
    liveArticle({
      content: {
        title: 'Terrasvergunning',
        summary: 'Voor een terras bij uw horecazaak vraagt u een vergunning aan.',
        sections: { aanvraag: 'Vraag aan via het [e-loket](https://www.lindeveen.nl/eloket).', termijn: '8 weken.' },
        targetGroups: ['ondernemer'],
        uplName: 'terrasvergunning',
        uplUri: 'http://standaarden.overheid.nl/owms/terms/terrasvergunning',
        synonyms: ['terras', 'horeca'],
      },
    }),
  internalNoDepartment: () =>
    liveArticle({
      department: null,
      content: {
        title: 'Rijbewijs, medische keuring (intern)',
        summary: 'Alleen voor het KCC.',
        audience: 'internal',
        sections: { inleiding: 'Zie het CBR.' },
        kccNotes: `Doorverwijzen naar CBR. ${MARKER}`,
      },
    }),
  noSummaryNoTargetGroup: () =>
    liveArticle({
      content: {
        title: 'Hondenbelasting & "kwijtschelding" <2025>',
        summary: '',
        sections: { bezwaar: 'Binnen **6 weken** na dagtekening.', geenReactie: 'Stuur een ingebrekestelling.' },
        uplName: 'hondenbelasting',
        uplUri: 'http://standaarden.overheid.nl/owms/terms/hondenbelasting',
      },
    }),
  empty: () => liveArticle({ content: { title: 'Nog leeg', summary: '' } }),
};

const faqs = {
  withExplanation: () =>
    liveArticle({
      kind: 'faq',
      content: {
        title: 'Hoe lang is een paspoort geldig?',
        question: 'Hoe lang is mijn paspoort geldig?',
        answer: 'Een paspoort van een volwassene is **10 jaar** geldig. Zie [paspoort](https://www.lindeveen.nl/paspoort).',
        explanation: 'Voor kinderen onder 18: 5 jaar.',
        summary: '10 jaar voor volwassenen.',
        kccNotes: `Niet verwarren met de ID-kaart. ${MARKER}`,
        targetGroups: ['burger'],
        synonyms: ['geldigheid paspoort', 'verlopen paspoort'],
      },
    }),
  noExplanation: () =>
    liveArticle({
      kind: 'faq',
      content: {
        title: 'Wanneer wordt de KvK-inschrijving gecontroleerd?',
        question: 'Controleert de gemeente mijn KvK-inschrijving?',
        answer: 'Ja, bij elke vergunningaanvraag.',
        targetGroups: ['ondernemer'],
      },
    }),
  noTargetGroupNoDepartment: () =>
    liveArticle({
      kind: 'faq',
      department: null,
      content: { title: 'Is het stadhuis open op Koningsdag?', question: null, answer: 'Nee, het stadhuis is dan gesloten.' },
    }),
  bothGroups: () =>
    liveArticle({
      kind: 'faq',
      content: {
        title: 'Waar parkeer ik bij het stadhuis?',
        question: 'Waar kan ik parkeren bij het stadhuis?',
        answer: 'In de garage Centrum, de eerste 30 minuten gratis.',
        targetGroups: ['burger', 'ondernemer'],
      },
    }),
};

describe('KISS mapping', () => {
  const validateKennisartikel = validator(kennisartikelSchema);
  const validateVac = validator(vacSchema);

  it('rejects invalid data (the validators really check formats and enums)', () => {
    const ok = toKissKennisartikel(products.full(), options(false));
    expect(validateKennisartikel({ ...ok, doelgroep: 'iedereen' })).toBe(false);
    expect(validateKennisartikel({ ...ok, uuid: 'not-a-uuid' })).toBe(false);
    expect(validateKennisartikel({ ...ok, vertalingen: [{ ...ok.vertalingen[0], datumWijziging: '14-03-2025' }] })).toBe(false);
    expect(validateVac({ ...toKissVac(faqs.withExplanation()), status: 'gepubliceerd' })).toBe(false);
  });

  describe('toKissKennisartikel', () => {
    it.each(Object.entries(products))('validates against kennisartikel-schema.json: %s (with and without deskMemo)', (_, make) => {
      const live = make();
      expectValid(validateKennisartikel, toKissKennisartikel(live, options(false)));
      expectValid(validateKennisartikel, toKissKennisartikel(live, options(true)));
    });

    it('maps every section to its KISS field as the rendered HTML of the live version', () => {
      const live = products.full();
      const [nl] = toKissKennisartikel(live, options(false)).vertalingen;
      for (const key of SECTION_KEYS) {
        const part = live.version.rendered.parts.find((p) => p.key === `sections.${key}`)!;
        expect(part).toBeDefined();
        expect(nl[KISS_SECTION_FIELDS[key]]).toContain(part.html);
      }
      expect(nl.procedureBeschrijving).toContain('<a href="https://www.lindeveen.nl/afspraak?product=paspoort&amp;stap=1"');
      expect(nl.kostenEnBetaalmethoden).toContain('<table>');
      expect(nl.tekst).toContain('<strong>reisdocument</strong>');
    });

    it('opens the Inleiding (tekst) with the summary, HTML-escaped', () => {
      const live = fullProduct({ summary: 'Kosten: < € 100 & "snel" klaar' });
      const { tekst } = toKissKennisartikel(live, options(false)).vertalingen[0];
      expect(tekst).toMatch(/^<p>Kosten: &lt; € 100 &amp; &quot;snel&quot; klaar<\/p>\n<p>Een paspoort/);
    });

    it('leaves out sections that are empty instead of sending empty strings', () => {
      const [nl] = toKissKennisartikel(products.fewSectionsNoUpl(), options(false)).vertalingen;
      expect(Object.keys(nl).sort()).toEqual(['datumWijziging', 'kostenEnBetaalmethoden', 'taal', 'tekst', 'titel', 'trefwoorden']);
    });

    it('puts the KCC notes in deskMemo only with includeDeskMemo', () => {
      for (const make of Object.values(products)) {
        const live = make();
        const without = toKissKennisartikel(live, options(false));
        expect(without.vertalingen[0].deskMemo).toBeUndefined();
        expect(JSON.stringify(without)).not.toContain(MARKER);
        const withMemo = toKissKennisartikel(live, options(true));
        if (live.version.content.kccNotes) expect(withMemo.vertalingen[0].deskMemo).toContain(MARKER);
        else expect(withMemo.vertalingen[0].deskMemo).toBeUndefined();
      }
      expect(toKissKennisartikel(products.full(), options(true)).vertalingen[0].deskMemo).toBe(`<p>Alleen voor het KCC: ${MARKER}</p>`);
    });

    it('maps the UPL, and the UPL\'s own "nog niet beschikbaar" entry when there is none', () => {
      expect(toKissKennisartikel(products.full(), options(false))).toMatchObject({
        upnUri: 'http://standaarden.overheid.nl/owms/terms/paspoort',
        upnLabel: 'paspoort',
      });
      expect(toKissKennisartikel(products.fewSectionsNoUpl(), options(false))).toMatchObject({
        upnUri: UPL_NOT_AVAILABLE.uri,
        upnLabel: 'UPL-naam nog niet beschikbaar',
      });
    });

    it('fills the required metadata from the article, the version and the organisation', () => {
      const dept = department('Vergunningen');
      const live = liveArticle({
        department: dept,
        approvedAt: new Date('2025-12-31T23:30:00Z'), // 1 January in Amsterdam
        content: {
          title: 'Evenementenvergunning',
          summary: 'Voor een evenement.',
          targetGroups: ['ondernemer'],
          synonyms: ['feest', 'Feest', 'evenement'],
        },
      });
      const opts = options(false);
      const mapped = toKissKennisartikel(live, opts);
      expect(mapped).toEqual({
        url: opts.objectUrl,
        uuid: live.article.id,
        upnUri: UPL_NOT_AVAILABLE.uri,
        upnLabel: UPL_NOT_AVAILABLE.name,
        publicatieDatum: '2026-01-01',
        productAanwezig: true,
        productValtOnder: null,
        verantwoordelijkeOrganisatie: {
          url: TEST_MUNICIPALITY.owmsUri,
          owmsIdentifier: TEST_MUNICIPALITY.owmsUri,
          owmsPrefLabel: 'Lindeveen',
          owmsEndDate: OWMS_OPEN_END_DATE,
        },
        locaties: null,
        doelgroep: 'eu-bedrijf',
        afdelingen: [{ afdelingId: dept.id, afdelingnaam: 'Vergunningen' }],
        vertalingen: [
          {
            taal: 'nl',
            titel: 'Evenementenvergunning',
            tekst: '<p>Voor een evenement.</p>',
            trefwoorden: [{ trefwoord: 'feest' }, { trefwoord: 'evenement' }],
            datumWijziging: '2025-12-31T23:30:00.000Z',
          },
        ],
        beschikbareTalen: ['nl'],
      });
    });

    it('reads the live version, not the working copy', () => {
      const live = products.full();
      const mapped = toKissKennisartikel(live, options(true));
      expect(mapped.vertalingen[0].titel).toBe('Paspoort aanvragen');
      expect(JSON.stringify(mapped)).not.toContain('concept');
      expect(JSON.stringify(mapped)).not.toContain('WORKING-COPY-ONLY');
    });

    it.each([
      [['burger'], 'eu-burger'],
      [['ondernemer'], 'eu-bedrijf'],
      [['burger', 'ondernemer'], 'eu-burger'],
      [[], 'eu-burger'],
    ] as const)('maps target groups %j to doelgroep %s', (targetGroups, doelgroep) => {
      const live = liveArticle({ content: { title: 'x', targetGroups: [...targetGroups] } });
      expect(toKissKennisartikel(live, options(false)).doelgroep).toBe(doelgroep);
    });

    it('dedupes trefwoorden case-insensitively and drops blanks', () => {
      expect(toKissKennisartikel(products.full(), options(false)).vertalingen[0].trefwoorden).toEqual([
        { trefwoord: 'reisdocument' },
        { trefwoord: 'pas' },
      ]);
    });

    it('omits afdelingen when the department was not loaded', () => {
      expect(toKissKennisartikel(products.internalNoDepartment(), options(false)).afdelingen).toBeUndefined();
    });

    it('refuses a FAQ', () => {
      expect(() => toKissKennisartikel(faqs.withExplanation(), options(false))).toThrow(/not a product/);
    });
  });

  describe('toKissVac', () => {
    it.each(Object.entries(faqs))('validates against vac-schema.json: %s', (_, make) => {
      const live = make();
      expectValid(validateVac, toKissVac(live));
      expectValid(
        validateVac,
        toKissVac(live, {
          includeKccNotes: true,
          related: [{ kind: 'product', url: 'https://kennisbank.lindeveen.nl/api/kiss/kennisartikelen/1' }],
        }),
      );
    });

    it('maps question, answer (HTML), explanation, status, doelgroep, afdelingen and trefwoorden', () => {
      const live = faqs.withExplanation();
      expect(toKissVac(live)).toEqual({
        vraag: 'Hoe lang is mijn paspoort geldig?',
        antwoord:
          '<p>Een paspoort van een volwassene is <strong>10 jaar</strong> geldig. Zie <a href="https://www.lindeveen.nl/paspoort" rel="noopener noreferrer">paspoort</a>.</p>',
        status: 'actief',
        doelgroep: 'eu-burger',
        trefwoorden: [{ trefwoord: 'geldigheid paspoort' }, { trefwoord: 'verlopen paspoort' }],
        toelichting: '<p>Voor kinderen onder 18: 5 jaar.</p>',
        afdelingen: [{ afdelingId: live.article.department!.id, afdelingNaam: live.article.department!.name }],
      });
    });

    it('falls back to the title when there is no separate question', () => {
      expect(toKissVac(faqs.noTargetGroupNoDepartment()).vraag).toBe('Is het stadhuis open op Koningsdag?');
    });

    it.each([
      ['noExplanation', 'eu-bedrijf'],
      ['noTargetGroupNoDepartment', 'eu-burger-bedrijf'],
      ['bothGroups', 'eu-burger-bedrijf'],
      ['withExplanation', 'eu-burger'],
    ] as const)('maps the target groups of %s to %s', (name, doelgroep) => {
      expect(toKissVac(faqs[name]()).doelgroep).toBe(doelgroep);
    });

    it('keeps KCC notes out unless includeKccNotes, then appends them to toelichting', () => {
      const live = faqs.withExplanation();
      expect(JSON.stringify(toKissVac(live))).not.toContain(MARKER);
      expect(toKissVac(live, { includeKccNotes: true }).toelichting).toBe(
        `<p>Voor kinderen onder 18: 5 jaar.</p>\n<p>Niet verwarren met de ID-kaart. ${MARKER}</p>`,
      );
      expect(toKissVac(faqs.noExplanation()).toelichting).toBeUndefined();
    });

    it('links related live VACs and products by URL', () => {
      const vac = toKissVac(faqs.bothGroups(), {
        related: [
          { kind: 'faq', url: 'https://kb.example/vac/1' },
          { kind: 'product', url: 'https://kb.example/ka/2' },
          { kind: 'instruction', url: 'https://kb.example/internal/3' },
        ],
      });
      expect(vac.gerelateerdeVACs).toEqual([{ VAC: 'https://kb.example/vac/1' }]);
      expect(vac.gerelateerdeProducten).toEqual([{ product: 'https://kb.example/ka/2' }]);
      expect(JSON.stringify(vac)).not.toContain('internal/3');
    });

    it('refuses a product', () => {
      expect(() => toKissVac(products.full())).toThrow(/not a faq/);
    });
  });

  describe('Objects API envelope', () => {
    it('wraps data as one current record of an object', () => {
      const live = products.full();
      const data = toKissKennisartikel(live, options(false, live.article.id));
      const wrapped = toObjectsApiRecord(data, {
        url: `https://kennisbank.lindeveen.nl/api/kiss/kennisartikelen/${live.article.id}`,
        uuid: live.article.id,
        typeUrl: 'https://objecttypen.lindeveen.nl/api/v2/objecttypes/6df21057-e07c-4909-8933-d70b79cfd15e',
        startAt: new Date('2025-03-13T23:30:00Z'),
        index: 3,
      });
      expect(wrapped).toEqual({
        url: `https://kennisbank.lindeveen.nl/api/kiss/kennisartikelen/${live.article.id}`,
        uuid: live.article.id,
        type: 'https://objecttypen.lindeveen.nl/api/v2/objecttypes/6df21057-e07c-4909-8933-d70b79cfd15e',
        record: {
          index: 3,
          typeVersion: 1,
          data,
          geometry: null,
          startAt: '2025-03-14',
          endAt: null,
          registrationAt: '2025-03-14',
          correctionFor: null,
          correctedBy: null,
        },
      });
      expectValid(validateKennisartikel, wrapped.record.data);
    });

    it('takes typeVersion, registrationAt and the default index', () => {
      const wrapped = toObjectsApiRecord(
        { vraag: 'v' },
        {
          url: 'https://x/1',
          uuid: testUuid(),
          typeUrl: 'https://t/1',
          typeVersion: 4,
          startAt: new Date('2025-01-02T12:00:00Z'),
          registrationAt: new Date('2025-02-03T12:00:00Z'),
        },
      );
      expect(wrapped.record).toMatchObject({ index: 1, typeVersion: 4, startAt: '2025-01-02', registrationAt: '2025-02-03' });
    });

    it('pages results like the Objects API', () => {
      const results = [toKissVac(faqs.bothGroups())];
      expect(toObjectsApiPage(results, { count: 21, next: 'https://x/?page=3', previous: 'https://x/?page=1' })).toEqual({
        count: 21,
        next: 'https://x/?page=3',
        previous: 'https://x/?page=1',
        results,
      });
    });
  });
});
