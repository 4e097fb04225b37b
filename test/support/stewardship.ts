import type TestAgent from 'supertest/lib/agent';

let counter = 0;

/**
 * Published FAQs imported in one request, with the review date and owner given (the quickest way to
 * a set of articles in a known review stage). Returns their ids in order.
 */
export async function importArticles(
  http: TestAgent,
  items: { title?: string; department?: string; owner?: string; reviewDueAt: Date | string; kind?: 'faq' | 'instruction' }[],
): Promise<string[]> {
  const body = items.map((item) => {
    const n = ++counter;
    const kind = item.kind ?? 'faq';
    return {
      externalId: `stewardship-${n}`,
      kind,
      title: item.title ?? `Vraag ${n}`,
      ...(kind === 'faq' ? { question: `Vraag ${n}?`, answer: 'Het antwoord.' } : { body: 'Zo werkt het.' }),
      summary: 'Samenvatting.',
      department: item.department ?? 'burgerzaken',
      ...(item.owner ? { owner: item.owner } : {}),
      reviewDueAt: typeof item.reviewDueAt === 'string' ? item.reviewDueAt : item.reviewDueAt.toISOString(),
    };
  });
  const res = await http.post('/api/import').send(body);
  if (res.status !== 200 || res.body.failed > 0) throw new Error(`import failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.items as { articleId: string }[]).map((i) => i.articleId);
}
