/**
 * The benchmark's baseline: a plain `ws` server that speaks the citizen frames the load client uses and
 * answers every question at once with a fixed reply of an answer's size. What it costs is what any websocket
 * server on this machine costs; Svar's figures are read against it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const REPLY = {
  type: 'bot',
  kind: 'answer',
  text: 'Søknadsfristen for barnehageplass i hovedopptaket er 1. mars. Du søker på kommunens nettsider.',
  source: { fileId: 'barnehage-soknadsfrist', title: 'Søknadsfrist for barnehage' },
  askFeedback: true,
};

export async function startPlainWsServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer();
  const wss = new WebSocketServer({ server, path: '/ws/citizen' });
  let messageId = 0;
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; clientId?: string };
      if (frame.type === 'start') ws.send(JSON.stringify({ type: 'welcome', conversationId: 'c', v: 1 }));
      else if (frame.type === 'message') {
        ws.send(JSON.stringify({ type: 'ack', clientId: frame.clientId }));
        messageId += 1;
        ws.send(JSON.stringify({ ...REPLY, messageId }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => server.close(() => resolve()));
      }),
  };
}
