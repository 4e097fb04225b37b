import { DutchAnalyzer, foldDoubles, normalizeText } from './dutch-analyzer';

describe(DutchAnalyzer.name, () => {
  const analyzer = new DutchAnalyzer();
  const keysOf = (text: string) => analyzer.tokens(text).flatMap((t) => [t.key, ...t.partKeys]);

  it('normalises case, accents, punctuation and hyphen variants', () => {
    expect(normalizeText('  Één  ID‐kaart?! (café) ')).toBe('een id-kaart cafe');
    expect(normalizeText('-- los - streepje --')).toBe('los streepje');
  });

  it('makes inflections meet: plural, verb forms, and compound verb stems', () => {
    expect(analyzer.key('paspoorten')).toBe(analyzer.key('paspoort'));
    expect(analyzer.key('afvalcontainers')).toBe(analyzer.key('afvalcontainer'));
    expect(analyzer.key('verhuizing')).toBe(analyzer.key('verhuizen'));
    expect(analyzer.key('parkeren')).toBe(analyzer.key('parkeer'));
    expect(analyzer.key('vergunningen')).toBe(analyzer.key('vergunning'));
  });

  it('absorbs doubled-letter typos', () => {
    expect(analyzer.key('pasport')).toBe(analyzer.key('paspoort'));
    expect(foldDoubles('vergunn')).toBe('vergun');
  });

  it('splits compounds into known words, with linking s and n', () => {
    expect(keysOf('parkeervergunning')).toEqual(expect.arrayContaining([analyzer.key('parkeren'), analyzer.key('vergunning')]));
    expect(keysOf('restafvalcontainer')).toEqual(expect.arrayContaining(['rest', 'afval', 'container']));
    expect(keysOf('huwelijksvoltrekking')).toEqual(expect.arrayContaining([analyzer.key('huwelijk'), analyzer.key('voltrekking')]));
    expect(keysOf('gehandicaptenparkeerkaart')).toEqual(expect.arrayContaining([analyzer.key('kaart'), analyzer.key('parkeer')]));
  });

  it('leaves short known words whole', () => {
    expect(analyzer.tokens('paspoort')[0].partKeys).toEqual([]);
    expect(analyzer.tokens('aanvraag')[0].partKeys).toEqual([]);
  });

  it('keeps both the joined form and the pieces of a hyphenated word', () => {
    const [token] = analyzer.tokens('ID-kaart');
    expect(token.key).toBe(analyzer.key('idkaart'));
    expect(token.partKeys).toEqual(expect.arrayContaining(['id', analyzer.key('kaart')]));
  });

  it('indexes without stop words', () => {
    expect(analyzer.indexTerms('Hoe vraag ik een paspoort aan?')).toBe(`${analyzer.key('vraag')} ${analyzer.key('paspoort')}`);
  });

  it('strips question openers', () => {
    expect(analyzer.stripQuestionFillers('ik wil graag weten hoe kan ik een paspoort aanvragen')).toBe(
      'weten een paspoort aanvragen'.replace('weten ', ''),
    );
    expect(analyzer.stripQuestionFillers('wat moet ik doen als mijn container niet geleegd is')).toBe('mijn container niet geleegd is');
  });
});
