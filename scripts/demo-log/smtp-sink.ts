import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SmtpSink {
  /** smtp://127.0.0.1:port, for the server's mailer. */
  url: string;
  /** Messages accepted so far. */
  received(): number;
  close(): Promise<void>;
}

/**
 * A loopback SMTP server that accepts every message and throws it away, so the demo can answer offline
 * messages by e-mail through the server's real mailer without anything leaving the machine.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  let received = 0;
  const server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    reply('220 svar-demo-sink ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          buffer = buffer.slice(end + 5);
          inData = false;
          received++;
          reply('250 OK: discarded');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const verb = buffer.slice(0, eol).slice(0, 4).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (verb === 'EHLO' || verb === 'HELO') reply('250 svar-demo-sink');
        else if (verb === 'DATA') {
          inData = true;
          // The terminator search starts at a line break; give the first line one too.
          buffer = `\r\n${buffer}`;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
          return;
        } else reply('250 OK');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
      }),
  };
}
