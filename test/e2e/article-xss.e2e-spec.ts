import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';
import { XSS_VECTORS, assertInert } from '../support/xss-corpus';

describe('XSS through the API (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;
  beforeAll(async () => {
    t = await createTestApp();
    a = api(t.http);
    await a.department();
  });
  afterAll(async () => t.close());

  it(`renders all ${XSS_VECTORS.length} vectors inert in the stored version and the preview`, async () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(30);
    // Spread the corpus over every Markdown field, so each part of the pipeline sees every vector.
    const chunk = (offset: number) => XSS_VECTORS.filter((_, i) => i % 4 === offset).join('\n\n');
    const created = await a.product({
      title: 'XSS-test',
      sections: { inleiding: chunk(0), kosten: chunk(1), bijzonderheden: chunk(2) },
      kccNotes: chunk(3),
    });
    for (const part of created.rendered.parts) assertInert(part.html);

    await a.publish(created.id);
    const live = await t.http.get(`/api/articles/${created.id}/published`);
    expect(live.body.rendered.parts).toHaveLength(4);
    for (const part of live.body.rendered.parts) assertInert(part.html);
    // The Markdown itself is stored as written: editors get back exactly what they typed.
    expect(live.body.content.sections.inleiding).toBe(chunk(0));
  });

  it('renders each vector inert as a FAQ answer', async () => {
    for (const [i, vector] of XSS_VECTORS.entries()) {
      const res = await t.http
        .post('/api/articles')
        .send({ kind: 'faq', title: `Vraag ${i}`, department: 'burgerzaken', question: 'Wat?', answer: vector });
      expect(res.status).toBe(201);
      for (const part of res.body.rendered.parts) assertInert(part.html);
    }
  });
});
