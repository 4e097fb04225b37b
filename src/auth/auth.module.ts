import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DepartmentsModule } from '../departments/departments.module';
import { UsersModule } from '../users/users.module';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { DevLoginService } from './dev-login.service';
import { RequestLimits } from './request-limits';
import { TokenVerifier } from './token-verifier';

@Module({
  imports: [UsersModule, DepartmentsModule, DiscoveryModule],
  controllers: [ApiKeysController, AuthController],
  providers: [TokenVerifier, ApiKeysService, RequestLimits, AuthGuard, DevLoginService],
  exports: [TokenVerifier, AuthGuard],
})
export class AuthModule {}
