/** Strong comparison per RFC 9110; `*` matches any current representation; no header matches too. */
export function ifMatchAccepts(currentEtag: string, ifMatch: string | undefined): boolean {
  if (ifMatch === undefined || ifMatch.trim() === '') return true;
  const candidates = ifMatch.split(',').map((t) => t.trim());
  return candidates.includes('*') || candidates.includes(currentEtag);
}
