import { Notification } from '../notification';
import { DeliveryError, NotificationChannel } from '../notification-channel';

export interface WebhookChannelOptions {
  /** per request, including reading the answer; 5 s unless set */
  timeoutMs?: number;
}

/** The JSON a webhook receives: the notification without its HTML. */
export interface WebhookPayload {
  kind: Notification['kind'];
  to: string[];
  subject: string;
  text: string;
  data: Record<string, unknown>;
}

/** 4xx means the request is wrong and stays wrong, except 408 (timeout) and 429 (rate limited). */
export function isPermanentHttpStatus(status: number): boolean {
  if (status === 408 || status === 429) return false;
  if (status >= 500) return false;
  // 3xx: we do not follow redirects (a 301/302 would turn the POST into a GET); fix the URL instead
  return status >= 300;
}

/** POSTs every notification as JSON, e.g. to a Teams/Slack bridge or a municipal integration bus. */
export class WebhookChannel extends NotificationChannel {
  readonly name = 'webhook';
  private readonly timeoutMs: number;
  // Messages name only the host: chat webhooks carry their secret in the path.
  private readonly host: string;

  constructor(
    private readonly url: string,
    options: WebhookChannelOptions = {},
  ) {
    super();
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.host = new URL(url).host;
  }

  async send(notification: Notification): Promise<void> {
    const payload: WebhookPayload = {
      kind: notification.kind,
      to: notification.to,
      subject: notification.subject,
      text: notification.text,
      data: notification.data,
    };
    let response: Response;
    let body: string;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // read the answer to the end so the connection can be reused (and the timeout covers it)
      body = await response.text();
    } catch (error) {
      throw new DeliveryError(`webhook ${this.host}: ${describeFetchError(error, this.timeoutMs)}`, false);
    }
    if (response.status >= 200 && response.status < 300) return;
    const snippet = body.trim().slice(0, 200);
    throw new DeliveryError(
      `webhook ${this.host}: HTTP ${response.status}${snippet ? ` ${snippet}` : ''}`,
      isPermanentHttpStatus(response.status),
    );
  }
}

// Duck-typed rather than `instanceof`: fetch's errors (TypeError, DOMException) may come from
// another realm (Jest's sandbox, for one).
function describeFetchError(error: unknown, timeoutMs: number): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  // undici: TypeError('fetch failed') with the socket error (ECONNREFUSED, ...) as cause
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
}
