import { fullProduct, liveArticle, TEST_MUNICIPALITY } from '../../test/support/live-article';
import { serializeJsonLd, toGovernmentServiceJsonLd } from './json-ld';

const MARKER = 'KCC-JSONLD-MARKER-91c2';
const URL = 'https://www.lindeveen.nl/producten/paspoort-aanvragen';

describe('toGovernmentServiceJsonLd', () => {
  it('describes a public product as a schema.org GovernmentService', () => {
    const live = fullProduct({ kccNotes: MARKER }, { approvedAt: new Date('2025-03-14T10:15:00Z') });
    expect(toGovernmentServiceJsonLd(live, TEST_MUNICIPALITY, URL)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'GovernmentService',
      '@id': `${URL}#dienst`,
      name: 'Paspoort aanvragen',
      description: live.version.content.summary,
      url: URL,
      serviceType: 'paspoort',
      identifier: {
        '@type': 'PropertyValue',
        propertyID: 'UPL',
        value: 'http://standaarden.overheid.nl/owms/terms/paspoort',
        name: 'paspoort',
      },
      provider: { '@type': 'GovernmentOrganization', name: 'Lindeveen', sameAs: TEST_MUNICIPALITY.owmsUri },
      areaServed: { '@type': 'AdministrativeArea', name: 'Lindeveen', sameAs: TEST_MUNICIPALITY.owmsUri },
      audience: [
        { '@type': 'Audience', audienceType: 'particulier' },
        { '@type': 'Audience', audienceType: 'ondernemer' },
      ],
      category: ['Reizen', 'Identiteit'],
      dateModified: '2025-03-14T10:15:00.000Z',
    });
  });

  it('never carries KCC notes, section text or the working copy', () => {
    const live = fullProduct({ kccNotes: MARKER });
    const json = JSON.stringify(toGovernmentServiceJsonLd(live, TEST_MUNICIPALITY, URL));
    expect(json).not.toContain(MARKER);
    expect(json).not.toContain('WORKING-COPY-ONLY');
    expect(json).not.toContain('(concept)');
    expect(json).not.toContain('pasfoto'); // a section, not metadata
  });

  it('leaves out what a product does not have', () => {
    const live = liveArticle({ content: { title: 'Boom kappen', summary: '', kccNotes: MARKER } });
    const jsonLd = toGovernmentServiceJsonLd(live, TEST_MUNICIPALITY, URL)!;
    expect(Object.keys(jsonLd).sort()).toEqual(['@context', '@id', '@type', 'areaServed', 'dateModified', 'name', 'provider', 'url']);
  });

  it('gives nothing for internal products, FAQs and instructions', () => {
    expect(toGovernmentServiceJsonLd(fullProduct({ audience: 'internal' }), TEST_MUNICIPALITY, URL)).toBeNull();
    expect(
      toGovernmentServiceJsonLd(liveArticle({ kind: 'faq', content: { title: 'v', answer: 'a' } }), TEST_MUNICIPALITY, URL),
    ).toBeNull();
    expect(
      toGovernmentServiceJsonLd(liveArticle({ kind: 'instruction', content: { title: 'i', body: 'b' } }), TEST_MUNICIPALITY, URL),
    ).toBeNull();
  });

  it('serialises safely for a script element', () => {
    const live = fullProduct({ title: 'Paspoort </script><script>alert(1)</script>' });
    const text = serializeJsonLd(toGovernmentServiceJsonLd(live, TEST_MUNICIPALITY, URL)!);
    expect(text).not.toContain('</script>');
    expect(text).not.toContain('<');
    expect(JSON.parse(text).name).toBe('Paspoort </script><script>alert(1)</script>');
  });
});
