// @ts-check
// The editor's fields as the API defines them (GET /api/articles/fields), where the content model is
// defined once, plus the metadata lists the editor adds itself.

/**
 * Per kind, its text fields as [path, label] pairs, in the model's order.
 * @param {import('../../types.js').ArticleFieldModel} model
 * @returns {Record<string, Array<[string, string]>>}
 */
export const textFieldsOf = (model) =>
  Object.fromEntries(
    Object.entries(model.kindFields).map(([kind, names]) => [
      kind,
      names.flatMap((name) =>
        name === 'sections'
          ? model.sections.map(({ key, title }) => /** @type {[string, string]} */ ([`sections.${key}`, title]))
          : [/** @type {[string, string]} */ ([name, model.titles[name]])],
      ),
    ]),
  );

/** @type {Array<[string, string]>} */
export const LIST_FIELDS = [
  ['themes', "Thema's"],
  ['lifeEvents', 'Levensgebeurtenissen'],
  ['synonyms', 'Zoekwoorden (synoniemen)'],
];

/**
 * The value at a dotted path (`sections.costs`), or undefined.
 * @param {unknown} obj
 * @param {string} path
 * @returns {any}
 */
export const get = (obj, path) =>
  path.split('.').reduce((o, k) => (o == null ? o : /** @type {Record<string, any>} */ (o)[k]), /** @type {any} */ (obj));
