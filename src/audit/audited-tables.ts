/**
 * Tables whose writes are not audited: indexes and caches that are rebuilt from audited tables,
 * outboxes, and logs that are themselves records of events. Every other table must carry the
 * audit trigger (`SELECT audit_attach('table')` in its migration); the audit e2e test checks it.
 */
export const NOT_AUDITED_TABLES: readonly string[] = [
  'migrations',
  'audit_log',
  'article_events',
  'article_outbox',
  'search_secondary_outbox',
  'search_documents',
  'search_terms',
  'search_index_stats',
  'search_index_changes',
  'search_phrases',
  'search_log',
  'search_clicks',
];
