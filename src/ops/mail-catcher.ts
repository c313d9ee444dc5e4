import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/*
 * A development and test SMTP server that keeps every mail it receives and lists them over a
 * tiny HTTP JSON API — what Mailpit does in docker-compose, without Docker. Built on nodemailer's
 * smtp-server and mailparser (devDependencies: the API itself never loads this file).
 *   npm run mail:dev    SMTP on 127.0.0.1:1025, http://127.0.0.1:8025/api/messages
 * Then start the API with SMTP_URL=smtp://127.0.0.1:1025.
 */

/** One received mail, parsed. */
export interface CaughtMail {
  /** Position in arrival order, from 1. */
  sequence: number;
  /** The Message-ID header as sent, e.g. `<n-…@vielfalt.local>`; `null` when missing. */
  messageId: string | null;
  from: string;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every header, lower-case names, values as text. */
  headers: Record<string, string>;
  receivedAt: string;
}

/** Where the catcher listens. */
export interface MailCatcherOptions {
  /** @default 0 (a free port) */
  smtpPort?: number;
  /** Unset: no HTTP API (tests read {@link MailCatcher.messages} directly). */
  httpPort?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

/** A running mail catcher. */
export interface MailCatcher {
  /** The SMTP port (fixed at the first start, kept across {@link MailCatcher.stopSmtp}). */
  readonly smtpPort: number;
  /** `smtp://host:port`, as `SMTP_URL` takes it. */
  readonly smtpUrl: string;
  /** The HTTP API's base URL, when it runs. */
  readonly httpUrl: string | undefined;
  /** Every mail received so far, in arrival order. */
  messages(): CaughtMail[];
  /** Forgets the received mails. */
  clear(): void;
  /** Stops accepting SMTP (an outage): open connections are cut; mails received are kept. */
  stopSmtp(): Promise<void>;
  /** Listens again on the same SMTP port. */
  startSmtp(): Promise<void>;
  /** Stops everything. */
  stop(): Promise<void>;
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && 'text' in value) {
    return String((value as { text: unknown }).text);
  }
  return JSON.stringify(value);
}

/** Starts a mail catcher; resolves once SMTP (and HTTP, when asked) listen. */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const received: CaughtMail[] = [];
  let smtp: SMTPServer | null = null;
  let port = options.smtpPort ?? 0;

  const listenSmtp = async () => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // An outage cuts open connections at once instead of letting them finish for 30 s.
      closeTimeout: 100,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            received.push({
              sequence: received.length + 1,
              messageId: parsed.messageId ?? null,
              from: parsed.from?.text ?? '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: Object.fromEntries(
                [...parsed.headers].map(([name, value]) => [name, headerText(value)]),
              ),
              receivedAt: new Date().toISOString(),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    port = (server.server.address() as AddressInfo).port;
    smtp = server;
  };

  const closeSmtp = () =>
    new Promise<void>((resolve) => {
      const server = smtp;
      smtp = null;
      if (!server) return resolve();
      server.close(() => resolve());
    });

  await listenSmtp();

  let http: HttpServer | undefined;
  if (options.httpPort !== undefined) {
    http = createServer((req, res) => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/api/messages' && req.method === 'GET') return json(200, received);
      if (req.url === '/api/messages' && req.method === 'DELETE') {
        received.length = 0;
        return json(200, { deleted: true });
      }
      return json(404, { error: 'GET or DELETE /api/messages' });
    });
    await new Promise<void>((resolve) => http?.listen(options.httpPort, host, resolve));
  }
  const httpAddress = http?.address() as AddressInfo | undefined;

  return {
    get smtpPort() {
      return port;
    },
    get smtpUrl() {
      return `smtp://${host}:${port}`;
    },
    httpUrl: httpAddress ? `http://${host}:${httpAddress.port}` : undefined,
    messages: () => [...received],
    clear: () => {
      received.length = 0;
    },
    stopSmtp: closeSmtp,
    startSmtp: listenSmtp,
    stop: async () => {
      await closeSmtp();
      await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    },
  };
}

if (require.main === module) {
  const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025);
  const httpPort = Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 8025);
  startMailCatcher({ smtpPort, httpPort })
    .then((catcher) => {
      process.stdout.write(
        `Mail catcher: SMTP ${catcher.smtpUrl} (set SMTP_URL to it), mails at ${catcher.httpUrl}/api/messages\n`,
      );
      const stop = () => void catcher.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
