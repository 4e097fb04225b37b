import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { addressTo, Notification } from '../notification';
import { DeliveryError } from '../notification-channel';
import { feedbackReceived } from '../templates/feedback-received.template';
import { isPermanentHttpStatus, WebhookChannel } from './webhook.channel';

interface LocalWebhook {
  url: string;
  requests: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[];
  /** how the server answers; it never answers when this does nothing */
  respond: (res: ServerResponse) => void;
  close(): Promise<void>;
}

async function startWebhookServer(): Promise<LocalWebhook> {
  const hook: LocalWebhook = {
    url: '',
    requests: [],
    respond: (res) => res.writeHead(204).end(),
    close: async () => undefined,
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      hook.requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      hook.respond(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kennisbank`;
  hook.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return hook;
}

function notification(): Notification {
  return addressTo(
    ['anna@gemeente.local'],
    feedbackReceived({
      article: { id: 'art-9', title: 'Parkeervergunning <bewoners>', department: 'Vergunningen' },
      feedback: { kind: 'outdated', comment: 'Tarief 2027 ontbreekt' },
      baseUrl: 'https://kennisbank.gemeente.nl',
    }),
  );
}

describe(WebhookChannel.name, () => {
  let hook: LocalWebhook;

  beforeAll(async () => {
    hook = await startWebhookServer();
  });

  afterAll(async () => {
    await hook.close();
  });

  beforeEach(() => {
    hook.requests.length = 0;
    hook.respond = (res) => res.writeHead(204).end();
  });

  it('POSTs the notification as JSON, without the HTML', async () => {
    const n = notification();

    await new WebhookChannel(hook.url).send(n);

    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hooks/kennisbank');
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body);
    expect(body).toEqual({ kind: 'feedback_received', to: ['anna@gemeente.local'], subject: n.subject, text: n.text, data: n.data });
    expect(body).not.toHaveProperty('html');
    expect(body.subject).toBe('Terugmelding: Parkeervergunning <bewoners> (verouderd)');
    expect(body.data.links.markReviewed).toBe('https://kennisbank.gemeente.nl/werkplek/artikelen/art-9?actie=inhoud-gecontroleerd');
  });

  it.each([
    [500, false],
    [503, false],
    [408, false],
    [429, false],
    [400, true],
    [404, true],
    [410, true],
    [301, true],
  ])('answers HTTP %i → DeliveryError, permanent %s', async (status, permanent) => {
    hook.respond = (res) => res.writeHead(status, { Location: 'http://127.0.0.1:1/elders' }).end('{"error":"nope"}');

    const sending = new WebhookChannel(hook.url).send(notification());

    await expect(sending).rejects.toBeInstanceOf(DeliveryError);
    await expect(sending).rejects.toMatchObject({ permanent, message: expect.stringContaining(`HTTP ${status}`) });
    expect(hook.requests).toHaveLength(1); // no redirect followed
  });

  it('fails transiently when the server does not answer in time', async () => {
    hook.respond = () => undefined;

    const sending = new WebhookChannel(hook.url, { timeoutMs: 200 }).send(notification());

    await expect(sending).rejects.toBeInstanceOf(DeliveryError);
    await expect(sending).rejects.toMatchObject({ permanent: false, message: expect.stringContaining('no answer within 200 ms') });
  });

  it('fails transiently when nothing listens', async () => {
    const closed = await startWebhookServer();
    await closed.close();

    const sending = new WebhookChannel(closed.url).send(notification());

    await expect(sending).rejects.toBeInstanceOf(DeliveryError);
    await expect(sending).rejects.toMatchObject({ permanent: false, message: expect.stringContaining('ECONNREFUSED') });
  });

  it('keeps the webhook path, which may hold a secret, out of error messages', async () => {
    hook.respond = (res) => res.writeHead(500).end();
    await expect(new WebhookChannel(hook.url).send(notification())).rejects.toMatchObject({
      message: expect.not.stringContaining('/hooks/kennisbank'),
    });
  });
});

describe(isPermanentHttpStatus.name, () => {
  it('treats 4xx as permanent except 408 and 429, and 5xx as transient', () => {
    expect([400, 401, 403, 404, 413, 422].every(isPermanentHttpStatus)).toBe(true);
    expect([408, 429, 500, 502, 503, 504].some(isPermanentHttpStatus)).toBe(false);
  });
});
