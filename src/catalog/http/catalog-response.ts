/** A catalogue answer with what HTTP caching needs: the interceptor adds ETag, Last-Modified, Cache-Control. */
export class CacheableRepresentation {
  constructor(
    readonly body: unknown,
    /** when what the representation shows last changed; null if unknown */
    readonly lastModified: Date | null,
    readonly contentType: 'application/json' | 'application/ld+json' | 'application/xml' = 'application/json',
  ) {}
}

/** The item moved to another URL for good (a renamed slug). */
export class PermanentRedirect {
  constructor(readonly location: string) {}
}
