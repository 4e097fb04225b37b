import type TestAgent from 'supertest/lib/agent';

/** Small helpers over the real HTTP API, so tests read as editor actions. */
export function api(http: TestAgent) {
  const expectStatus = <T extends { status: number; body: any }>(res: T, status: number): T => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  };
  const product = async (extra: Record<string, unknown> = {}) => {
    const body = {
      kind: 'product',
      title: 'Paspoort aanvragen',
      department: 'burgerzaken',
      summary: 'U vraagt een paspoort aan bij de balie van Burgerzaken.',
      sections: { inleiding: 'Een paspoort is een reisdocument.', kosten: 'Het paspoort kost € 84,85.' },
      ...extra,
    };
    return expectStatus(await http.post('/api/articles').send(body), 201).body;
  };
  const publish = async (id: string) => {
    expectStatus(await http.post(`/api/articles/${id}/submit`), 200);
    return expectStatus(await http.post(`/api/articles/${id}/approve`), 200).body;
  };
  return {
    async department(slug = 'burgerzaken', extra: Record<string, unknown> = {}) {
      return expectStatus(await http.post('/api/departments').send({ slug, name: slug[0].toUpperCase() + slug.slice(1), ...extra }), 201)
        .body;
    },
    product,
    publish,
    /** A product created and approved: its published article. */
    publishedProduct: async (extra: Record<string, unknown> = {}) => publish((await product(extra)).id),
    async patch(id: string, etag: string, body: Record<string, unknown>) {
      return http.patch(`/api/articles/${id}`).set('If-Match', etag).send(body);
    },
    expectStatus,
  };
}
