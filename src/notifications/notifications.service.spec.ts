import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ParsedMail, simpleParser } from 'mailparser';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadAppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MetricsService } from '../metrics/metrics.service';
import { addressTo, Notification } from './notification';
import { DeliveryError, NotificationChannel } from './notification-channel';
import { createNotificationChannels } from './notification-channels.provider';
import { NotificationsModule } from './notifications.module';
import { NotificationsService } from './notifications.service';
import { sourceChanged } from './templates/source-changed.template';

async function listen(
  server: { listen(port: number, host: string, cb: () => void): unknown },
  address: () => AddressInfo,
): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return address().port;
}

function notification(): Notification {
  return addressTo(
    ['anna@gemeente.local'],
    sourceChanged({
      article: { id: 'art-7', title: 'Paspoort aanvragen', department: 'Burgerzaken' },
      source: { uri: 'https://content.example.nl/paspoort', title: 'Paspoort', version: '2027-01' },
      diff: [
        { op: 'equal', text: 'Een paspoort kost ' },
        { op: 'delete', text: '€ 84,70' },
        { op: 'insert', text: '€ 88,10' },
      ],
      baseUrl: 'https://kennisbank.gemeente.nl',
    }),
  );
}

async function serviceFor(env: Record<string, string>): Promise<NotificationsService> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(loadAppConfig({ NODE_ENV: 'test', ...env })), MetricsModule, NotificationsModule],
  }).compile();
  return moduleRef.get(NotificationsService);
}

class FakeChannel extends NotificationChannel {
  constructor(
    readonly name: string,
    private readonly outcome: () => Promise<void>,
  ) {
    super();
  }
  send(): Promise<void> {
    return this.outcome();
  }
}

describe(NotificationsService.name, () => {
  const mails: ParsedMail[] = [];
  const hookBodies: unknown[] = [];
  let smtp: SMTPServer;
  let smtpPort: number;
  let hook: Server;
  let hookUrl: string;
  let closedPort: number;
  let warn: jest.SpyInstance;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          mails.push(mail);
          callback();
        }, callback);
      },
    });
    smtpPort = await listen(smtp, () => smtp.server.address() as AddressInfo);

    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        hookBodies.push(JSON.parse(body));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    hookUrl = `http://127.0.0.1:${await listen(hook, () => hook.address() as AddressInfo)}/notify`;

    // a port that was just in use and is now closed: connection refused
    const gone = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
    closedPort = await listen(gone, () => gone.server.address() as AddressInfo);
    await new Promise<void>((resolve) => gone.close(() => resolve()));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    hook.closeAllConnections();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  beforeEach(() => {
    mails.length = 0;
    hookBodies.length = 0;
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('delivers one notification through both configured channels', async () => {
    const service = await serviceFor({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`, NOTIFY_WEBHOOK_URL: hookUrl });
    const n = notification();

    const results = await service.send(n);

    expect(results).toEqual([
      { channel: 'smtp', ok: true },
      { channel: 'webhook', ok: true },
    ]);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Landelijke content gewijzigd: Paspoort aanvragen');
    expect(mails[0].from?.value).toEqual([{ address: 'kennisbank@gemeente.local', name: 'Kennisbank' }]);
    expect(mails[0].text).toContain('[-€ 84,70-][+€ 88,10+]');
    expect(hookBodies).toEqual([{ kind: 'source_changed', to: ['anna@gemeente.local'], subject: n.subject, text: n.text, data: n.data }]);
  });

  it('still reaches the webhook when the SMTP server is down, and reports the SMTP failure as transient', async () => {
    const service = await serviceFor({ SMTP_URL: `smtp://127.0.0.1:${closedPort}?ignoreTLS=true`, NOTIFY_WEBHOOK_URL: hookUrl });

    const results = await service.send(notification());

    expect(results).toEqual([
      { channel: 'smtp', ok: false, permanent: false, error: expect.stringMatching(/^SMTP: /) },
      { channel: 'webhook', ok: true },
    ]);
    expect(hookBodies).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('source_changed via smtp failed (transient)'));
  });

  it('returns no results and says once that notifications are disabled when no channel is configured', async () => {
    const service = await serviceFor({});

    expect(service.channelNames).toEqual([]);
    await expect(service.send(notification())).resolves.toEqual([]);
    await expect(service.send(notification())).resolves.toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Notifications are disabled'));
  });

  it('sends through only the channels asked for (a retry after a partial failure)', async () => {
    const service = await serviceFor({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`, NOTIFY_WEBHOOK_URL: hookUrl });

    await expect(service.send(notification(), { only: ['webhook'] })).resolves.toEqual([{ channel: 'webhook', ok: true }]);
    expect(mails).toHaveLength(0);
    expect(hookBodies).toHaveLength(1);
  });

  it('reports permanent failures, and never throws, even for a channel that breaks its contract', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const metrics = new MetricsService();
    const service = new NotificationsService(
      [
        new FakeChannel('rejecting', () => Promise.reject(new DeliveryError('550 no such user', true))),
        new FakeChannel('buggy', () => Promise.reject(new RangeError('oops'))),
        new FakeChannel('fine', () => Promise.resolve()),
      ],
      metrics,
    );

    await expect(service.send(notification())).resolves.toEqual([
      { channel: 'rejecting', ok: false, permanent: true, error: '550 no such user' },
      { channel: 'buggy', ok: false, permanent: false, error: 'oops' },
      { channel: 'fine', ok: true },
    ]);
    await service.send(notification());
    const counted = (await metrics.registry.getSingleMetric('kennisbank_notifications_total')!.get()).values;
    expect(counted.map((v) => ({ ...v.labels, n: v.value }))).toEqual(
      expect.arrayContaining([
        { kind: 'source_changed', channel: 'rejecting', outcome: 'failed_permanent', n: 2 },
        { kind: 'source_changed', channel: 'buggy', outcome: 'failed_transient', n: 2 },
        { kind: 'source_changed', channel: 'fine', outcome: 'sent', n: 2 },
      ]),
    );
    expect(counted).toHaveLength(3);
  });
});

describe(createNotificationChannels.name, () => {
  const config = (env: Record<string, string>) => loadAppConfig({ NODE_ENV: 'test', ...env });

  it('builds a channel per configured destination', () => {
    expect(createNotificationChannels(config({})).map((c) => c.name)).toEqual([]);
    expect(createNotificationChannels(config({ SMTP_URL: 'smtp://mail:25' })).map((c) => c.name)).toEqual(['smtp']);
    expect(createNotificationChannels(config({ NOTIFY_WEBHOOK_URL: 'https://hooks.example.nl/x' })).map((c) => c.name)).toEqual([
      'webhook',
    ]);
    expect(
      createNotificationChannels(config({ SMTP_URL: 'smtps://mail:465', NOTIFY_WEBHOOK_URL: 'https://hooks.example.nl/x' })).map(
        (c) => c.name,
      ),
    ).toEqual(['smtp', 'webhook']);
  });
});
