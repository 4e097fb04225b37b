import { Body, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiController } from '../common/request-context/access';
import { AuthConfigResponse, DevLoginService } from './dev-login.service';
import { DevLoginDto } from './dto/dev-login.dto';

/** What the werkplek needs to sign staff in: the identity provider, or the development login. */
@ApiController({ path: 'api/auth', tag: 'auth', access: 'public' })
export class AuthController {
  constructor(private readonly devLogin: DevLoginService) {}

  @Get('config')
  @ApiOperation({ summary: 'How to sign in (OIDC issuer, client, development login)' })
  config(): AuthConfigResponse {
    return this.devLogin.publicConfig();
  }

  /** Development only (see AUTH_DEV_LOGIN): a local token for the chosen role; 404 when switched off. */
  @Post('dev-login')
  @ApiOperation({ summary: 'Development sign-in (development only)' })
  @HttpCode(200)
  login(@Body() dto: DevLoginDto): Promise<{ token: string; expiresIn: number }> {
    return this.devLogin.login(dto);
  }
}
