import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { apiRequestChecks, DEMO_FORCE, DemoSeedService, SessionsService, staffOnly } from '@lantern/api/auth';
import { REFUSAL_RECORDER, requestScopeMiddleware, type AppConfig, type RefusalRecorder } from '@lantern/api/core';
import { INTAKE_BATCH_LIMIT_BYTES, INTAKE_BATCH_PATH, INTAKE_LIMIT_BYTES, INTAKE_PATH } from '@lantern/api/intake';
import { OFFICER_REFERRAL_LIMIT_BYTES, OFFICER_REFERRALS_PATH } from '@lantern/api/officer';
import { IMPORTS_PATH, IMPORTS_PREVIEW_PATH } from '@lantern/api/imports';
import { RedisIoAdapter } from '@lantern/api/realtime';
import express from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { DemoCasesService } from './demo-cases.service';
import { DemoHistoryService } from './demo-history.service';
import { serveWorkbench } from './workbench-static';

export interface StartedApp {
  app: INestApplication;
  url: string;
  demo: { feedSourceId: string } | null;
}

/**
 * Builds the whole API (and the workbench's static files): used by main.ts, the integration tests and the
 * benchmark, so all three run the same thing.
 */
export async function createApp(config: AppConfig, logger?: LoggerService | false): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bodyParser: false,
    logger: logger === undefined ? undefined : logger,
  });
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  // Only configured proxies may say who the client is (X-Forwarded-For); none by default, so the sign-in throttle
  // and the audit trail see the TCP peer and a client on loopback cannot choose its own address.
  http.set('trust proxy', config.trustedProxies.length ? config.trustedProxies : false);
  if (!config.trustedProxies.length) {
    // A proxy in front that is not listed makes every client one address to the sign-in throttle and the audit
    // trail: say so once (no addresses or personal data in the line).
    let warned = false;
    http.use((req, _res, next) => {
      if (!warned && req.headers['x-forwarded-for'] !== undefined) {
        warned = true;
        Logger.warn('X-Forwarded-For received but LANTERN_TRUSTED_PROXIES is empty: clients are seen as the proxy', 'Bootstrap');
      }
      next();
    });
  }
  // No ETags on API responses: they are no-store (apiRequestChecks), and a validator would invite caching them.
  // The workbench's static files keep theirs (express.static sets its own).
  http.set('etag', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // 'self' covers the socket's ws:/wss: on the same host (CSP Level 3; checked in Chromium by the e2e run).
          connectSrc: ["'self'"],
          // The workbench uses the system font stack: no font or stylesheet host outside the API's own origin.
          styleSrc: ["'self'", "'unsafe-inline'"],
          fontSrc: ["'self'", 'data:'],
          imgSrc: ["'self'", 'data:'],
          scriptSrc: ["'self'"],
          // The officer app's service worker (/sw.js) and web app manifest, from this origin only.
          workerSrc: ["'self'"],
          manifestSrc: ["'self'"],
        },
      },
    }),
  );
  // Origin and body-type checks and no-store for /api, before any body is read.
  const officerRaw = express.raw({ type: () => true, limit: OFFICER_REFERRAL_LIMIT_BYTES });
  // The CSV import's upload and preview take text/csv (streamed by their handlers: no body parser reads text/csv).
  app.use(
    apiRequestChecks(config, [INTAKE_PATH, INTAKE_BATCH_PATH], app.get<RefusalRecorder>(REFUSAL_RECORDER, { strict: false }), [
      IMPORTS_PATH,
      IMPORTS_PREVIEW_PATH,
    ]),
  );
  // The intake reads its body raw (size limit, strict UTF-8, its own JSON errors); everything else is JSON.
  // A batch first, with its own limit: the single report's parser (a prefix of its path) then finds the body read.
  app.use(INTAKE_BATCH_PATH, express.raw({ type: () => true, limit: INTAKE_BATCH_LIMIT_BYTES }));
  app.use(INTAKE_PATH, express.raw({ type: () => true, limit: INTAKE_LIMIT_BYTES }));
  // The officer app's referral is read the same way (it keeps the same-origin and JSON-type checks above: a
  // session cookie signs it in, not a key). Only POST: the list (GET) has no body.
  app.use(OFFICER_REFERRALS_PATH, (req: express.Request, res: express.Response, next: express.NextFunction) =>
    req.method === 'POST' ? officerRaw(req, res, next) : next(),
  );
  // Every JSON type the request checks let through (application/*+json too): a body they admit is never dropped.
  // Strict UTF-8 as the intake reads it: body-parser would turn bad bytes into U+FFFD and store them (400 naming `/`).
  const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
  app.use(
    express.json({
      limit: '1mb',
      type: ['application/json', 'application/*+json'],
      verify: (_req, _res, buf) => void strictUtf8.decode(buf),
    }),
  );
  // Each request's scope (request-scope.ts): a case change the access guard let through is judged again at the case's
  // row lock (case-access.ts). After the body parsers: a stream's callbacks would not carry the scope on.
  app.use(requestScopeMiddleware());

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lantern API')
      .setDescription('Safeguarding-hub triage workbench. Errors are RFC 9457 problem+json.')
      .setVersion('1')
      // The request contracts are JSON Schema 2020-12, which is OpenAPI 3.1's schema dialect.
      .setOpenAPIVersion('3.1.0')
      .addCookieAuth(app.get(SessionsService).cookieName)
      .addBearerAuth()
      .build(),
  );
  // Production: the API's map only for signed-in hub staff (docs/security.md).
  if (config.production) app.use(['/api/docs', '/api/docs-json', '/api/docs-yaml'], staffOnly(app.get(SessionsService)));
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  if (config.staticDir && existsSync(join(config.staticDir, 'index.html'))) serveWorkbench(http, config.staticDir);

  if (config.redisUrl) {
    const adapter = new RedisIoAdapter(app, config.redisUrl, config.redisTls);
    await adapter.connectToRedis();
    app.useWebSocketAdapter(adapter);
  }
  return app;
}

/** Creates, seeds (demo mode) and starts listening. */
export async function startApp(config: AppConfig, logger?: LoggerService | false): Promise<StartedApp> {
  const app = await createApp(config, logger);
  await app.init();
  const seeder = app.get(DemoSeedService);
  let demo: StartedApp['demo'] = null;
  if (config.demo) {
    demo = await seeder.seed();
    await app.get(DemoCasesService).seedIfEmpty(demo.feedSourceId, DEMO_FORCE, config.demoCases);
    await app.get(DemoHistoryService).seed({ id: demo.feedSourceId, force: DEMO_FORCE }, config.demoHistory);
  } else if (config.production) {
    await seeder.assertNoDemoData();
  }
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${address.port}`;
  new Logger('Lantern').log(`listening on ${url}`);
  return { app, url, demo };
}
