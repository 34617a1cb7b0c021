// Demo-only routes: the wallet pages, the current QR of each card, and the anchors JWKS a demo
// kiosk pins.
import type { FastifyInstance } from 'fastify';
import type { WorkSystemStore } from '../store/work-system-store';
import type { DemoWallet } from './demo-wallet';
import { qrPngDataUrl, qrSvg } from './qr-image';
import { WALLET_CSP, walletPage, wpnPage } from './wallet-page';

export function registerDemoRoutes(app: FastifyInstance, store: WorkSystemStore, wallet: DemoWallet): void {
  const notFound = (id: string) => ({ error: 'not_found', message: `no demo card ${id}` });

  app.get('/demo/anchors.jwks', async (_request, reply) =>
    reply.type('application/jwk-set+json').send(JSON.stringify(store.anchorsJwks())),
  );

  app.get('/wallet', async (_request, reply) => {
    const cards = [];
    for (const holder of wallet.holders()) {
      const card = (await wallet.card(holder.id))!;
      cards.push({ card, svg: await qrSvg(card.qrText) });
    }
    return reply
      .header('content-security-policy', WALLET_CSP)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(walletPage(cards));
  });

  app.get<{ Params: { id: string } }>('/wallet/card/:id.svg', async (request, reply) => {
    const card = await wallet.card(request.params.id);
    if (!card) return reply.code(404).send(notFound(request.params.id));
    return reply.header('cache-control', 'no-store').type('image/svg+xml').send(await qrSvg(card.qrText));
  });

  app.get<{ Params: { id: string } }>('/wallet/wpn/:id', async (request, reply) => {
    const card = await wallet.card(request.params.id, 'wpn');
    if (!card) return reply.code(404).send(notFound(request.params.id));
    return reply
      .header('content-security-policy', WALLET_CSP)
      .type('text/html; charset=utf-8')
      .send(wpnPage(card, await qrPngDataUrl(card.qrText)));
  });

  /** For tests and e2e: the QR text each demo card shows right now and the verdict it should get. */
  app.get('/wallet/cards.json', async (_request, reply) => {
    const cards = await wallet.allCards();
    return reply.header('cache-control', 'no-store').send(
      cards.map((c) => ({
        id: c.id,
        label: c.label,
        typ: c.typ,
        expect: c.expect,
        reasons: c.reasons,
        iss: c.issued.claims.iss,
        kid: c.issued.kid,
        permitNo: c.issued.claims.wp.no,
        iat: c.iat,
        exp: c.exp,
        qrText: c.qrText,
      })),
    );
  });
}
