/** What the templates need to know about an article; callers map their entities to this. */
export interface ArticleRef {
  id: string;
  title: string;
  /** name of the vakafdeling, e.g. `Burgerzaken` */
  department: string;
  /** display name of the owning editor */
  owner?: string;
}

export interface ReviewedArticleRef extends ArticleRef {
  reviewDueAt: Date;
  lastReviewedAt: Date | null;
}
