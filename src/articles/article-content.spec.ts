import { type ArticleContent, cleanQuestions, contentHash, emptyContent, questionKey, withContentDefaults } from './article-content';

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
