import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController, UsersController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DemoSeedService } from './demo-seed.service';
import { LoginThrottle } from './login-throttle';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [AuthController, UsersController],
  providers: [AuthService, SessionsService, DemoSeedService, LoginThrottle, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SessionsService, DemoSeedService],
})
export class AuthModule {}
