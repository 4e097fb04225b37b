import {
  type ArticleContent,
  CONTENT_FIELDS,
  cleanQuestions,
  contentHash,
  emptyContent,
  pickContent,
  questionKey,
  withContentDefaults,
} from './article-content';

describe('question variants in the content snapshot', () => {
  it('trims, folds spaces, drops empties and duplicates (case, spacing, closing punctuation), keeps the order', () => {
    expect(
      cleanQuestions([
        '  Mag de huisbaas   mijn ID kopiëren? ',
        '',
        '   ',
        'mag de huisbaas mijn id kopiëren',
        'Wat kost een paspoort?!',
        'wat kost een paspoort',
      ]),
    ).toEqual(['Mag de huisbaas mijn ID kopiëren?', 'Wat kost een paspoort?!']);
    expect(questionKey(' Wat  KOST het ? ')).toBe('wat kost het');
    expect(cleanQuestions(['?', '...'])).toEqual([]);
  });

  it('hashes a snapshot without variants exactly as before the field existed', () => {
    const current = { ...emptyContent('faq'), title: 'Huur', question: 'Mag dat?' };
    const { alternativeQuestions: _omitted, ...old } = current;
    expect(contentHash(current)).toBe(contentHash(old as ArticleContent));
    expect(contentHash({ ...current, alternativeQuestions: ['mag de huisbaas dat'] })).not.toBe(contentHash(current));
  });

  it('gives old snapshots the field on read, and leaves current ones alone', () => {
    const current = { ...emptyContent('product'), title: 'Paspoort', alternativeQuestions: ['reisdocument kwijt'] };
    const { alternativeQuestions: _omitted, ...old } = current;
    expect(withContentDefaults(old as ArticleContent).alternativeQuestions).toEqual([]);
    expect(withContentDefaults(current)).toBe(current);
  });
});

describe('the list of content fields', () => {
  it('names every field of a snapshot once, in the order of the content model', () => {
    expect(CONTENT_FIELDS).toEqual([
      'title',
      'summary',
      'audience',
      'sections',
      'question',
      'answer',
      'explanation',
      'body',
      'kccNotes',
      'themes',
      'lifeEvents',
      'targetGroups',
      'synonyms',
      'alternativeQuestions',
      'uplName',
      'uplUri',
      'relatedIds',
    ]);
  });

  it('picks exactly the content fields, leaving out keys a stored snapshot no longer uses', () => {
    const stored = { ...emptyContent('faq'), title: 'Paspoort', retiredField: 'x' } as ArticleContent;
    const picked = pickContent(stored);
    expect(Object.keys(picked)).toEqual([...CONTENT_FIELDS]);
    expect(picked.title).toBe('Paspoort');
    expect(picked).not.toHaveProperty('retiredField');
  });
});
