import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { errorForLog, redisClientOptions, type RedisTls } from '@lantern/api/core';

/**
 * socket.io with the Redis adapter, so several API instances serve one hub: an event emitted on one
 * instance reaches the sockets of every instance.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly adapterLogger = new Logger('RedisIoAdapter');
  private adapterConstructor: ReturnType<typeof createAdapter> | null = null;
  private clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
    /** TLS options for a rediss:// URL (config `redisTls`: CA, verification). */
    private readonly tls?: RedisTls,
  ) {
    super(app);
  }

  async connectToRedis(): Promise<void> {
    const pub = new Redis(this.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2, ...redisClientOptions(this.tls) });
    const sub = pub.duplicate();
    // Connection errors are retried by ioredis and surface in the health of the hub, not as crashes.
    for (const c of [pub, sub]) c.on('error', (err: Error) => this.adapterLogger.warn(`redis: ${errorForLog(err)}`));
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    this.adapterConstructor = createAdapter(pub, sub);
    this.adapterLogger.log('socket.io is using the Redis adapter');
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.adapterConstructor) server.adapter(this.adapterConstructor);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    // Let publishes already handed to ioredis go out before the connections close.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all(this.clients.map((c) => c.quit().catch(() => undefined)));
    this.clients = [];
  }
}
