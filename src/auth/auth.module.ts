import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DepartmentsModule } from '../departments/departments.module';
import { UsersModule } from '../users/users.module';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthGuard } from './auth.guard';
import { RequestLimits } from './request-limits';
import { TokenVerifier } from './token-verifier';

@Module({
  imports: [UsersModule, DepartmentsModule, DiscoveryModule],
  controllers: [ApiKeysController],
  providers: [TokenVerifier, ApiKeysService, RequestLimits, AuthGuard],
  exports: [TokenVerifier, AuthGuard],
})
export class AuthModule {}
