import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  /** the request target exactly as sent: may hold bytes no HTTP client library would send */
  target: Buffer;
  headers: [string, string | Buffer][];
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** no complete answer within the timeout */
  timedOut: boolean;
}

/** Serialises a request byte for byte (one request per connection, `Connection: close`). */
export function serialise(request: RawRequest): Buffer {
  const lines: Buffer[] = [
    Buffer.from(`${request.method} `),
    request.target,
    Buffer.from(' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n'),
  ];
  for (const [name, value] of request.headers)
    lines.push(Buffer.from(`${name}: `), Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1'), Buffer.from('\r\n'));
  if (request.body) lines.push(Buffer.from(`Content-Length: ${request.body.length}\r\n`));
  lines.push(Buffer.from('\r\n'));
  if (request.body) lines.push(request.body);
  return Buffer.concat(lines);
}

/** Sends raw bytes over a fresh TCP connection and reads the answer until the server closes it. */
export function send(port: number, request: RawRequest, timeoutMs: number): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parse(Buffer.concat(chunks)), timedOut });
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => finish(false)); // e.g. reset after the answer was written
    socket.on('close', () => finish(false));
    socket.write(serialise(request));
  });
}

function parse(raw: Buffer): Omit<RawResponse, 'timedOut'> {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return { status: 0, headers: {}, body: Buffer.alloc(0) };
  const [statusLine, ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  else if (headers['content-length'] !== undefined) body = body.subarray(0, Number(headers['content-length']));
  return { status: Number(statusLine.split(' ')[1]) || 0, headers, body };
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
