/** Who is told about an article: its owner while active, else the department's coordinators. */
export interface ArticleRecipients {
  to: string[];
  /** for the greeting: the owner's name when the mail goes to the owner */
  name?: string;
  routedTo: 'owner' | 'coordinators' | 'nobody';
}

export function articleRecipients(
  owner: { email: string; name: string; active: boolean } | null | undefined,
  coordinators: readonly string[],
): ArticleRecipients {
  if (owner?.active) return { to: [owner.email], name: owner.name || undefined, routedTo: 'owner' };
  const to = [...new Set(coordinators.map((c) => c.trim().toLowerCase()).filter(Boolean))];
  return to.length ? { to, routedTo: 'coordinators' } : { to: [], routedTo: 'nobody' };
}
