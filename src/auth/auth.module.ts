import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { DevLoginService } from './dev-login.service';
import { TokenVerifier } from './token-verifier';

@Module({ imports: [UsersModule], controllers: [AuthController], providers: [TokenVerifier, AuthGuard, DevLoginService], exports: [TokenVerifier, AuthGuard] })
export class AuthModule {}
