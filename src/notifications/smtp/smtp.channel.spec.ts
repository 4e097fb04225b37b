import { Logger } from '@nestjs/common';
import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerEnvelope, SMTPServerOptions } from 'smtp-server';
import { addressTo, Notification } from '../notification';
import { DeliveryError } from '../notification-channel';
import { reviewReminder } from '../templates/review-reminder.template';
import { classifySmtpError, SmtpChannel } from './smtp.channel';

interface LocalSmtp {
  port: number;
  received: { mail: ParsedMail; envelope: SMTPServerEnvelope }[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1, plain text (no STARTTLS), that parses what it receives. */
async function startSmtpServer(options: Partial<SMTPServerOptions> = {}): Promise<LocalSmtp> {
  const received: LocalSmtp['received'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ mail, envelope: session.envelope });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const rejectWith = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

const FROM = 'Kennisbank <kennisbank@gemeente.local>';
const TITLE = '<script>alert(1)</script> & "x"';
const ARTICLE_URL = 'https://kennisbank.gemeente.nl/werkplek/artikelen/art-42';

function notification(to = ['anna@gemeente.local']): Notification {
  return addressTo(
    to,
    reviewReminder({
      stage: 'upcoming',
      article: {
        id: 'art-42',
        title: TITLE,
        department: 'Burgerzaken',
        reviewDueAt: new Date('2026-11-23T09:00:00Z'),
        lastReviewedAt: null,
      },
      baseUrl: 'https://kennisbank.gemeente.nl',
      now: new Date('2026-11-09T08:00:00Z'),
    }),
  );
}

const channelFor = (port: number) => new SmtpChannel(`smtp://127.0.0.1:${port}`, FROM, { secure: false, ignoreTLS: true });

describe(SmtpChannel.name, () => {
  let server: LocalSmtp | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
    jest.restoreAllMocks();
  });

  it('delivers a multipart mail from MAIL_FROM to the recipients', async () => {
    server = await startSmtpServer();

    await channelFor(server.port).send(notification(['anna@gemeente.local', 'kennisregie@gemeente.local']));

    expect(server.received).toHaveLength(1);
    const { mail, envelope } = server.received[0];
    expect(mail.from?.value).toEqual([{ address: 'kennisbank@gemeente.local', name: 'Kennisbank' }]);
    expect(envelope.rcptTo.map((r) => r.address)).toEqual(['anna@gemeente.local', 'kennisregie@gemeente.local']);
    expect(Array.isArray(mail.to) ? mail.to.flatMap((t) => t.value) : mail.to?.value).toEqual([
      { address: 'anna@gemeente.local', name: '' },
      { address: 'kennisregie@gemeente.local', name: '' },
    ]);
    expect(mail.subject).toBe(`Controle nodig: ${TITLE} (over 14 dagen)`);
    expect(mail.text).toContain(`Artikel openen: ${ARTICLE_URL}`);
    expect(mail.text).toContain(`Inhoud gecontroleerd: ${ARTICLE_URL}?actie=inhoud-gecontroleerd`);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(mail.html).not.toContain('<script>');
  });

  it('fails permanently when the server rejects the recipient (550)', async () => {
    server = await startSmtpServer({ onRcptTo: (_address, _session, callback) => callback(rejectWith(550, 'Mailbox unavailable')) });

    const sending = channelFor(server.port).send(notification());

    await expect(sending).rejects.toBeInstanceOf(DeliveryError);
    await expect(sending).rejects.toMatchObject({ permanent: true, message: expect.stringContaining('550') });
    expect(server.received).toHaveLength(0);
  });

  it('fails transiently when the server defers the recipient (451)', async () => {
    server = await startSmtpServer({ onRcptTo: (_address, _session, callback) => callback(rejectWith(451, 'Try again later')) });

    await expect(channelFor(server.port).send(notification())).rejects.toMatchObject({ name: 'DeliveryError', permanent: false });
  });

  it('delivers to the accepted recipients when only some are rejected, and does not ask for a retry', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    server = await startSmtpServer({
      onRcptTo: (address, _session, callback) =>
        callback(address.address === 'weg@gemeente.local' ? rejectWith(550, 'No such user') : undefined),
    });

    await channelFor(server.port).send(notification(['anna@gemeente.local', 'weg@gemeente.local']));

    expect(server.received.map((r) => r.envelope.rcptTo.map((t) => t.address))).toEqual([['anna@gemeente.local']]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('weg@gemeente.local'));
  });

  it('fails transiently when no server listens', async () => {
    const closed = await startSmtpServer();
    await closed.close();

    const sending = channelFor(closed.port).send(notification());

    await expect(sending).rejects.toBeInstanceOf(DeliveryError);
    await expect(sending).rejects.toMatchObject({ permanent: false });
  });

  it('fails permanently, without connecting, when the notification has no recipients', async () => {
    await expect(channelFor(1).send(notification([]))).rejects.toMatchObject({ name: 'DeliveryError', permanent: true });
  });
});

describe(classifySmtpError.name, () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550 }, true],
    [{ code: 'EMESSAGE', responseCode: 552 }, true],
    [{ code: 'EAUTH', responseCode: 535 }, true],
    [{ code: 'EAUTH', responseCode: 454 }, false],
    [{ code: 'EENVELOPE', responseCode: 421 }, false],
    [{ code: 'EENVELOPE' }, true],
    [{ code: 'ECONFIG' }, true],
    [{ code: 'ECONNECTION' }, false],
    [{ code: 'ETIMEDOUT' }, false],
    [{ code: 'ESOCKET' }, false],
    [{ code: 'EDNS' }, false],
    [{}, false],
  ])('%j → permanent %s', (props, permanent) => {
    const error = classifySmtpError(Object.assign(new Error('failed'), props));
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error.permanent).toBe(permanent);
    expect(error.message).toBe('SMTP: failed');
  });
});
