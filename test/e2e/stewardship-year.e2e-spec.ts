import { StewardshipProcessor } from '../../src/stewardship/jobs/stewardship.processor';
import { StewardshipJob } from '../../src/stewardship/jobs/stewardship-jobs';
import { UsersService } from '../../src/users/users.service';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';
import { ReceivedMail, SmtpInbox, startSmtpInbox } from '../support/smtp-inbox';

const DAY = 86_400_000;
const START = Date.parse('2026-11-23T05:30:00Z'); // Monday 06:30 in Amsterdam, when the scan runs
const BASE_URL = 'https://kennisbank.lindeveen.nl';

/** `upcoming` … `escalated`, or `digest`, from the subject line. */
function kindOf(mail: ReceivedMail): string {
  if (mail.subject.startsWith('Weekoverzicht')) return 'digest';
  if (mail.subject.startsWith('Escalatie')) return 'escalated';
  if (mail.subject.startsWith('Controle verlopen')) return 'overdue';
  if (mail.subject.includes('(vandaag)')) return 'due';
  return 'upcoming';
}

describe('review reminders over a simulated year (e2e)', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  const titles: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const dayOf = (mail: ReceivedMail) => Math.round((mail.at.getTime() - START) / DAY);

  beforeAll(async () => {
    const clock = { now: () => (t ? t.clock.now() : new Date(START)) };
    inbox = await startSmtpInbox(clock);
    t = await createTestApp(
      { SMTP_URL: inbox.url, KENNISREGISSEUR_EMAIL: 'regie@lindeveen.nl', PUBLIC_BASE_URL: BASE_URL },
      new Date(START),
    );
    const a = api(t.http);
    await a.department('burgerzaken', { coordinators: ['kees@lindeveen.nl', 'lotte@lindeveen.nl'] });
    await a.department('afval', {
      coordinators: ['joost@lindeveen.nl'],
      reviewIntervalDays: 120,
      reviewUpcomingDays: 30,
      reviewOverdueDays: 3,
      reviewEscalationDays: 10,
    });
    await a.department('sport');
    const article = async (key: string, body: Record<string, unknown>) => {
      titles[key] = `Artikel ${key}`;
      const created = await a.product({ title: titles[key], ...body });
      ids[key] = created.id;
      await a.publish(created.id);
    };
    await article('A', { owner: 'anna@lindeveen.nl' }); // product: 180 days
    await article('B', { owner: 'bert@lindeveen.nl', reviewIntervalDays: 90 });
    await article('C', { owner: 'carla@lindeveen.nl', department: 'afval' }); // the department's 120 days and terms 30/3/10
    await article('D', { owner: 'dirk@lindeveen.nl', reviewIntervalDays: 60 });
    await article('E', { department: 'sport', reviewIntervalDays: 30 });
    await article('F', { owner: 'anna@lindeveen.nl', reviewIntervalDays: 40 });
    // E has no owner at all; sport has no coordinators: everything goes to the kennisregisseur.
    const e = await t.http.get(`/api/articles/${ids.E}`);
    a.expectStatus(await a.patch(ids.E, e.body.etag, { owner: null }), 200);
    // Dirk reads his reminders in the Monday digest.
    await t.http
      .put('/api/stewardship/preferences')
      .set('X-Kennisbank-User', 'dirk@lindeveen.nl')
      .send({ reminderMail: 'digest' })
      .expect(200);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await inbox?.close();
  });

  it('sends every stage once, on its day, to the right people, and nothing of a closed cycle', async () => {
    const processor = t.app.get(StewardshipProcessor);
    const confirm = (key: string, who: string) =>
      t.http.post(`/api/articles/${ids[key]}/confirm-review`).set('X-Kennisbank-User', who).expect(200);

    for (let day = 0; day < 365; day++) {
      t.clock.set(new Date(START + day * DAY));
      if (day === 10) await t.app.get(UsersService).setActive('carla@lindeveen.nl', false); // Carla left
      if (day === 95 || day === 186) await confirm('B', 'bert@lindeveen.nl');
      if (day === 100) await confirm('D', 'dirk@lindeveen.nl');
      if (day === 50) {
        // a new version of F is approved: a new review cycle starts
        const f = await t.http.get(`/api/articles/${ids.F}`);
        api(t.http).expectStatus(await api(t.http).patch(ids.F, f.body.etag, { summary: 'Nieuwe samenvatting.' }), 200);
        await api(t.http).publish(ids.F);
      }
      await processor.run(StewardshipJob.Scan);
      if (day % 7 === 0) await processor.run(StewardshipJob.Digest);
    }

    const received = inbox.mails
      .flatMap((m) =>
        m.to.map(
          (to) =>
            `${String(dayOf(m)).padStart(3, '0')} ${kindOf(m)} ${to}${kindOf(m) === 'digest' ? '' : ` ${m.subject.match(/Artikel [A-F]/)?.[0]}`}`,
        ),
      )
      .sort();

    const expected: string[] = [];
    const stages = (key: string, who: string[], days: Partial<Record<'upcoming' | 'due' | 'overdue' | 'escalated', number>>) => {
      for (const [stage, day] of Object.entries(days))
        for (const to of who) expected.push(`${String(day).padStart(3, '0')} ${stage} ${to} Artikel ${key}`);
    };
    const coordinators = ['kees@lindeveen.nl', 'lotte@lindeveen.nl', 'regie@lindeveen.nl'];
    // A: 180 days, never reviewed: 14 days before, on the day, 7 and 21 days after; escalated to the coordinators and the kennisregisseur too
    stages('A', ['anna@lindeveen.nl'], { upcoming: 166, due: 180, overdue: 187, escalated: 201 });
    stages('A', coordinators, { escalated: 201 });
    // B: 90 days; confirmed on day 95 (no overdue for that cycle), then due 185, confirmed on 186, then due 276, left alone
    stages('B', ['bert@lindeveen.nl'], { upcoming: 76, due: 90 });
    stages('B', ['bert@lindeveen.nl'], { upcoming: 171, due: 185 });
    stages('B', ['bert@lindeveen.nl'], { upcoming: 262, due: 276, overdue: 283, escalated: 297 });
    stages('B', coordinators, { escalated: 297 });
    // C: the department's terms (120 days, 30/3/10); Carla left on day 10, so her coordinator gets every stage
    stages('C', ['joost@lindeveen.nl'], { upcoming: 90, due: 120, overdue: 123, escalated: 130 });
    stages('C', ['regie@lindeveen.nl'], { escalated: 130 });
    // D: Dirk reads the digest; escalations still go to the coordinators at once (cycle 1: due 60; cycle 2 after confirming on day 100: due 160)
    stages('D', coordinators, { escalated: 81 });
    stages('D', coordinators, { escalated: 181 });
    // E: no owner, no coordinators: the kennisregisseur
    stages('E', ['regie@lindeveen.nl'], { upcoming: 16, due: 30, overdue: 37, escalated: 51 });
    // F: 40 days; a new version approved on day 50 (overdue reminder sent on 47, no escalation for that cycle), then due 90
    stages('F', ['anna@lindeveen.nl'], { upcoming: 26, due: 40, overdue: 47 });
    stages('F', ['anna@lindeveen.nl'], { upcoming: 76, due: 90, overdue: 97, escalated: 111 });
    stages('F', coordinators, { escalated: 111 });
    // Dirk's digests: Mondays while D is in a stage (from day 46 to his review on day 100, and again from day 146)
    for (let day = 0; day < 365; day += 7) {
      if ((day >= 46 && day < 100) || day >= 146) expected.push(`${String(day).padStart(3, '0')} digest dirk@lindeveen.nl`);
    }
    expect(received).toEqual(expected.sort());

    // Every stage of every cycle is in the log once, including Dirk's (mailed in his digest).
    const [{ count, distinct }] = await t.dataSource.query(
      `SELECT count(*)::int AS count, count(DISTINCT (article_id, cycle, stage))::int AS distinct FROM review_reminders`,
    );
    expect(count).toBe(distinct);
    const dirk = await t.dataSource.query(
      `SELECT r.stage, d.status FROM review_reminders r JOIN stewardship_deliveries d ON d.reminder_id = r.id
       WHERE r.article_id = $1 AND d.recipient = 'dirk@lindeveen.nl' ORDER BY r.recorded_at`,
      [ids.D],
    );
    expect(dirk.map((r: { stage: string; status: string }) => `${r.stage}:${r.status}`)).toEqual([
      'upcoming:digest',
      'due:digest',
      'overdue:digest',
      'escalated:digest',
      'upcoming:digest',
      'due:digest',
      'overdue:digest',
      'escalated:digest',
    ]);
  }, 300_000);

  it('writes Dutch mails with direct links to the article and to "inhoud gecontroleerd"', () => {
    const escalation = inbox.mails.find((m) => m.to.includes('kees@lindeveen.nl') && m.subject.includes('Artikel A'))!;
    expect(escalation.subject).toBe('Escalatie: Artikel A is 21 dagen over de controledatum');
    expect(escalation.text).toContain('De eigenaar, anna@lindeveen.nl, heeft niet gereageerd op de herinneringen.');
    expect(escalation.text).toContain(`Inhoud gecontroleerd: ${BASE_URL}/werkplek/artikelen/${ids.A}?actie=inhoud-gecontroleerd`);
    expect(escalation.html).toContain(`href="${BASE_URL}/werkplek/artikelen/${ids.A}"`);
    const upcoming = inbox.mails.find((m) => m.to.includes('anna@lindeveen.nl') && m.subject.includes('Artikel A'))!;
    expect(upcoming.subject).toBe('Controle nodig: Artikel A (over 14 dagen)');
    const digest = inbox.mails.find((m) => m.to.includes('dirk@lindeveen.nl'))!;
    expect(digest.subject).toBe('Weekoverzicht kennisbank: 1 artikel binnenkort');
    expect(digest.text).toContain(`${BASE_URL}/werkplek/artikelen/${ids.D}?actie=inhoud-gecontroleerd`);
  });
});
