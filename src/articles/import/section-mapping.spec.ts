import { bodyToSections, sectionForHeading } from './section-mapping';

describe('section mapping', () => {
  it.each([
    ['Wat is het?', 'inleiding'],
    ['Hoe aanvragen?', 'aanvraag'],
    ['Wat moet u meenemen?', 'bewijs'],
    ['Wat kost het?', 'kosten'],
    ['  wat KOST het ', 'kosten'],
    ['Doorlooptijd', 'termijn'],
    ['Bezwaar en beroep', 'bezwaar'],
    ['Wat als de gemeente niet op tijd reageert?', 'geenReactie'],
    ['Contact', 'contact'],
  ])('maps "%s" to %s', (heading, key) => {
    expect(sectionForHeading(heading)).toBe(key);
  });

  it('returns null for an unknown heading', () => {
    expect(sectionForHeading('Geschiedenis van de gemeente')).toBeNull();
  });

  it('splits a body on ## headings and keeps text before the first heading as introduction', () => {
    const { sections, unmapped } = bodyToSections(
      'Een paspoort is een reisdocument.\n\n## Hoe aanvragen?\nMaak een afspraak.\n\n## Wat kost het?\n- € 84,85\n',
    );
    expect(sections).toEqual({
      inleiding: 'Een paspoort is een reisdocument.',
      aanvraag: 'Maak een afspraak.',
      kosten: '- € 84,85',
    });
    expect(unmapped).toEqual([]);
  });

  it('keeps unknown headings with their text in bijzonderheden', () => {
    const { sections, unmapped } = bodyToSections('## Wat is het?\nTekst\n\n## Historie\nSinds 1990.\n\n## Bijzonderheden\nLet op.');
    expect(unmapped).toEqual(['Historie']);
    expect(sections.bijzonderheden).toBe('### Historie\nSinds 1990.\n\nLet op.');
  });

  it('ignores headings inside code fences and appends repeated sections', () => {
    const { sections } = bodyToSections('## Kosten\nA\n```\n## Termijn\n```\n## Kosten\nB');
    expect(sections.termijn).toBeUndefined();
    expect(sections.kosten).toBe('A\n```\n## Termijn\n```\nB');
  });
});
