// @ts-check
// The shapes of the API responses the werkplek reads, as JSDoc types for `tsc -p tsconfig.werkplek.json`
// (no build step: the browser loads this empty module, the checker reads its comments). They follow
// the server's response DTOs (src/**/dto, src/search/dto/search-query.dto.ts) for the fields used here.

/** @typedef {'product' | 'faq' | 'instruction'} ArticleKind */
/** @typedef {'draft' | 'in_review' | 'published' | 'archived'} ArticleStatus */
/** @typedef {{ id: string, email: string, name: string }} UserRef */
/** @typedef {{ id: string, slug: string, name: string }} DepartmentRef */

/**
 * @typedef {object} ArticleContent the content fields; which are used depends on the kind
 * @property {string} title
 * @property {string} summary
 * @property {Record<string, string>} [sections] product sections by key
 * @property {string | null} [question]
 * @property {string | null} [answer]
 * @property {string | null} [explanation]
 * @property {string | null} [body]
 * @property {string | null} kccNotes
 * @property {string[]} themes
 * @property {string[]} lifeEvents
 * @property {string[]} synonyms
 * @property {string[]} alternativeQuestions
 * @property {string[]} targetGroups
 * @property {'public' | 'internal'} audience
 * @property {string | null} uplName
 * @property {string | null} [uplUri]
 */

/**
 * @typedef {object} RenderedPart one part of an article rendered by the server's Markdown pipeline
 * @property {string} title
 * @property {string} html sanitised by the server
 * @property {string} text
 * @property {boolean} [internal] the KCC notes
 */
/** @typedef {{ parts: RenderedPart[] }} RenderedContent */

/**
 * @typedef {object} ArticleReview
 * @property {number} intervalDays
 * @property {string | null} dueAt
 * @property {'ok' | 'due_soon' | 'overdue' | 'none' | string} state
 * @property {string | null} lastReviewedAt
 * @property {UserRef | null} lastReviewedBy
 */

/**
 * @typedef {ArticleContent & {
 *   id: string,
 *   slug: string,
 *   kind: ArticleKind,
 *   status: ArticleStatus,
 *   live: boolean,
 *   publishedVersion: number | null,
 *   latestVersion: number,
 *   department: DepartmentRef,
 *   owner: UserRef | null,
 *   rendered?: RenderedContent,
 *   revision: { note: string | null, authorId: string | null, rejectionReason: string | null, submittedAt: string | null },
 *   review: ArticleReview,
 *   allowedActions: string[],
 *   etag: string,
 *   createdAt: string,
 *   updatedAt: string,
 * }} Article the working copy (GET /api/articles/:id)
 */

/**
 * @typedef {object} ArticleSummary an article in a list (GET /api/articles)
 * @property {string} id
 * @property {string} slug
 * @property {ArticleKind} kind
 * @property {ArticleStatus} status
 * @property {boolean} live
 * @property {number | null} publishedVersion
 * @property {string} title
 * @property {string} summary
 * @property {DepartmentRef} department
 */
/** @typedef {{ items: ArticleSummary[], nextCursor: string | null }} ArticleList */

/**
 * @typedef {object} PublishedArticle what agents read (GET /api/articles/:id/published)
 * @property {Article} article
 * @property {ArticleContent} content
 * @property {RenderedContent} rendered
 * @property {Array<{ id: string, title: string, kind: ArticleKind }>} related
 */

/**
 * @typedef {object} ArticleFieldModel the content model (GET /api/articles/fields)
 * @property {string[]} fields every content field, in the model's order
 * @property {Array<{ key: string, title: string }>} sections product sections with their Dutch titles
 * @property {Record<ArticleKind, string[]>} kindFields the fields each kind uses
 * @property {Record<string, string>} titles Dutch names of the text fields
 */

/** @typedef {{ rendered: RenderedContent }} ArticlePreview POST /api/articles/preview */

/**
 * @typedef {object} ArticleVersion an approved version (GET /api/articles/:id/versions)
 * @property {number} number
 * @property {boolean} live
 * @property {string} createdAt
 * @property {UserRef | null} approvedBy
 * @property {string} reason
 */

/** @typedef {{ op: 'insert' | 'delete' | 'equal', text: string }} WordChange */
/** @typedef {{ changes: Array<{ field: string, label: string, changes: WordChange[] }> }} ArticleDiff */

/** @typedef {'high' | 'medium' | 'low' | 'none'} Confidence */

/**
 * @typedef {object} SearchHit
 * @property {string} id
 * @property {string} slug
 * @property {ArticleKind} kind
 * @property {string} title
 * @property {string} summary
 * @property {string} snippet the matching words in <mark>, HTML-escaped otherwise
 * @property {DepartmentRef} department
 * @property {string | null} reviewDueAt
 * @property {boolean} stale
 * @property {number} score
 */

/**
 * @typedef {object} SearchResponse GET /api/search
 * @property {string | null} queryId
 * @property {'postgres' | 'meilisearch'} engine
 * @property {boolean} fallback PostgreSQL answered because the configured engine failed
 * @property {number} tookMs
 * @property {number} total
 * @property {Confidence} confidence low and none: no good answer was found
 * @property {SearchHit[]} hits
 * @property {Record<string, Record<string, number>>} facets
 */

/**
 * @typedef {object} WorkTask one item of the stewardship task list (GET /api/stewardship/tasks)
 * @property {'review' | 'feedback' | 'source_change' | 'content_gap' | string} kind
 * @property {string} title
 * @property {number} urgency
 * @property {{ id: string, title: string, department?: DepartmentRef } | null} [article]
 * @property {Record<string, any>} [details] kind-specific: the feedback's id, the review stage, ...
 */
/** @typedef {{ tasks: WorkTask[] }} TaskList */

/**
 * @typedef {object} Feedback a terugmelding (GET /api/feedback/mine)
 * @property {string} id
 * @property {string} kind
 * @property {string} kindLabel the kind in Dutch
 * @property {string} status
 * @property {string | null} [section]
 * @property {string} comment
 * @property {string | null} [reply]
 * @property {string} createdAt
 * @property {{ id: string, title: string }} article
 */
/** @typedef {{ items: Feedback[] }} FeedbackList */

/**
 * @typedef {object} SearchSuggestion a question variant or synonym learnt from reformulations
 * @property {string} id
 * @property {'question' | 'synonym'} kind
 * @property {'open' | 'accepted' | 'rejected'} status
 * @property {string} [question]
 * @property {string[]} terms
 * @property {{ id: string, title: string } | null} [article]
 * @property {number} searchers
 * @property {number} days
 * @property {number} reformulations
 * @property {string} firstSeenAt
 * @property {string} lastSeenAt
 * @property {Array<{ failed: string, found: string }>} examples
 * @property {UserRef | null} [decidedBy]
 * @property {string | null} [decidedAt]
 * @property {number | null} [appliedVersion]
 * @property {string | null} [rejectReason]
 */
/** @typedef {{ items: SearchSuggestion[], refreshedAt: string | null }} SuggestionList */
/** @typedef {{ reformulations: number, withPersonalData: number, created: number }} SuggestionRefresh */

/**
 * The response body for a path the werkplek calls; `any` for the paths not typed here.
 * More specific patterns come first.
 * @template {string} P
 * @typedef {P extends `/api/search?${string}` ? SearchResponse
 *   : P extends '/api/articles/fields' ? ArticleFieldModel
 *   : P extends '/api/articles/preview' ? ArticlePreview
 *   : P extends `/api/articles?${string}` ? ArticleList
 *   : P extends `/api/articles/${string}/published` ? PublishedArticle
 *   : P extends `/api/articles/${string}/versions` ? ArticleVersion[]
 *   : P extends `/api/articles/${string}/diff?${string}` ? ArticleDiff
 *   : P extends `/api/articles/${string}/${string}` ? any
 *   : P extends '/api/articles' | `/api/articles/${string}` ? Article
 *   : P extends '/api/stewardship/tasks' ? TaskList
 *   : P extends `/api/feedback/mine${string}` ? FeedbackList
 *   : P extends '/api/search-learning/suggestions/refresh' ? SuggestionRefresh
 *   : P extends `/api/search-learning/suggestions?${string}` ? SuggestionList
 *   : any} ResponseFor
 */

/**
 * @template T
 * @typedef {{ status: number, body: T, etag: string | null }} ApiResponse
 */

export {};
