import { Catch, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseWsExceptionFilter, WsException } from '@nestjs/websockets';
import { errorForLog } from '@lantern/api/core';
import type { Socket } from 'socket.io';

/**
 * What a socket handler throws unexpectedly, logged as every API error is (errorForLog: no value a driver or library
 * quotes), where Nest's own handler logs the raw exception; the client gets the same generic `exception` event, without
 * its own message echoed back. Hardening from an audit review (session 41): today's handlers throw ids only.
 */
@Catch()
export class LogSafeWsExceptionFilter extends BaseWsExceptionFilter {
  private readonly logger = new Logger('RealtimeGateway');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof WsException) return super.catch(exception, host);
    host.switchToWs().getClient<Socket>().emit('exception', { status: 'error', message: 'Internal server error' });
    this.logger.error(`socket handler failed: ${errorForLog(exception)}`);
  }
}
