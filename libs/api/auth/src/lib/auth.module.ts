import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountController } from './account.controller';
import { AuthController, UsersController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CredentialsService } from './credentials.service';
import { DemoSeedService } from './demo-seed.service';
import { FeedSourcesController } from './feed-sources.controller';
import { FeedSourcesService } from './feed-sources.service';
import { PasswordPolicy } from './password-policy';
import { PreferencesController } from './preferences.controller';
import { SessionsService } from './sessions.service';
import { SignInThrottle } from './sign-in-throttle';
import { TotpService } from './totp';
import { UsersAdminController } from './users-admin.controller';
import { UsersAdminService } from './users-admin.service';

@Module({
  controllers: [AuthController, UsersController, AccountController, UsersAdminController, FeedSourcesController, PreferencesController],
  providers: [
    AuthService,
    SessionsService,
    DemoSeedService,
    { provide: APP_GUARD, useClass: AuthGuard },
    // Sign-in credentials (issue 13 part 3) and administration (part 7).
    CredentialsService,
    SignInThrottle,
    TotpService,
    PasswordPolicy,
    UsersAdminService,
    FeedSourcesService,
  ],
  exports: [AuthService, SessionsService, DemoSeedService],
})
export class AuthModule {}
