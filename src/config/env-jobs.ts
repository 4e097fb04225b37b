import { bool, cron, email, EnvVariable, int, optional, str, url } from './env-parsers';

/** Notifications and background jobs: mail, content gaps, search learning, link check and stewardship. */
export const jobsEnv = {
  SMTP_URL: {
    description: 'SMTP server for reminder e-mails, e.g. smtp://user:pass@mail:587',
    default: '',
    parse: optional(url('smtp', 'smtps')),
  },
  MAIL_FROM: {
    description: 'sender of reminder e-mails',
    default: 'Kennisbank <kennisbank@gemeente.local>',
    parse: str(),
  },
  NOTIFY_WEBHOOK_URL: {
    description: 'optional webhook (JSON POST, e.g. a Teams/Slack bridge) that receives every notification too',
    default: '',
    parse: optional(url('http', 'https')),
  },
  CONTENT_GAPS_CRON: {
    description: 'when the worker turns failed searches into content gaps (cron, Europe/Amsterdam)',
    default: '30 5 * * *',
    parse: cron(),
  },
  CONTENT_GAPS_WINDOW_DAYS: {
    description: 'content gaps count the failed searches of this many past days',
    default: '30',
    parse: int(1, 365),
  },
  CONTENT_GAPS_MIN_SEARCHES: {
    description: 'failed searches (per intent, within the window) before they count as a content gap',
    default: '2',
    parse: int(1, 10_000),
  },
  SEARCH_LEARNING_CRON: {
    description: "when the worker turns agents' reformulations into suggested question variants and synonyms (cron, Europe/Amsterdam)",
    default: '45 5 * * *',
    parse: cron(),
  },
  SEARCH_LEARNING_WINDOW_DAYS: {
    description: 'the learning job reads the search log of this many past days',
    default: '30',
    parse: int(1, 365),
  },
  SEARCH_LEARNING_MIN_SEARCHERS: {
    description: 'distinct daily pseudonyms behind a reformulation before it is suggested (two of them on one day as well)',
    default: '3',
    parse: int(1, 10_000),
  },
  SEARCH_LEARNING_MIN_DAYS: {
    description: 'distinct days a reformulation must be seen on before it is suggested',
    default: '2',
    parse: int(1, 365),
  },
  LINK_CHECK_CRON: {
    description: 'when the worker checks the external links of published content (cron, Europe/Amsterdam)',
    default: '0 3 * * 1',
    parse: cron(),
  },
  LINK_CHECK_TIMEOUT_MS: {
    description: 'time allowed per link request before it counts as a timeout',
    default: '10000',
    parse: int(50, 120_000),
  },
  LINK_CHECK_RETRIES: { description: 'retries of a link after a timeout, network error or 5xx/429', default: '2', parse: int(0, 10) },
  LINK_CHECK_RETRY_DELAY_MS: {
    description: 'first backoff before retrying a link; doubles per retry',
    default: '1000',
    parse: int(0, 60_000),
  },
  LINK_CHECK_CONCURRENCY: { description: 'links checked at the same time', default: '8', parse: int(1, 64) },
  LINK_CHECK_ALLOW_PRIVATE: {
    description: 'also check links to private, loopback and link-local addresses (off: such links are reported as blocked)',
    default: 'false',
    parse: bool(),
  },
  STEWARDSHIP_SCAN_CRON: {
    description: 'when the daily review scan runs (cron, Europe/Amsterdam); "off": only when started by hand',
    default: '30 6 * * *',
    parse: cron({ off: true }),
  },
  STEWARDSHIP_DIGEST_CRON: {
    description: 'when the weekly digest goes to editors who chose it (cron, Europe/Amsterdam); "off": never',
    default: '0 7 * * 1',
    parse: cron({ off: true }),
  },
  KENNISREGISSEUR_EMAIL: {
    description: "the KCC's kennisregisseur: receives every escalation, and reminders nobody else can receive",
    default: '',
    parse: email(),
  },
  STEWARDSHIP_RETRY_ATTEMPTS: {
    description: 'attempts per reminder e-mail before it goes to the dead-letter list',
    default: '6',
    parse: int(1, 30),
  },
  STEWARDSHIP_RETRY_BASE_SECONDS: {
    description: 'wait before the first retry of a failed reminder e-mail; doubles with every further attempt',
    default: '60',
    parse: int(1, 86_400),
  },
  REVIEW_STORM_WEEKLY_CAP: {
    description: 'review dates per department per week above which levelling spreads them out (review storms)',
    default: '40',
    parse: int(1, 100_000),
  },
  REVIEW_SPREAD_DAYS: {
    description: 'how far levelling may move a review date (earlier; later only when asked, and reported)',
    default: '56',
    parse: int(7, 365),
  },
} satisfies Record<string, EnvVariable<unknown>>;
