import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { slugify } from '../common/http/slug';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DevLoginDto } from './dto/dev-login.dto';
import { mintLocalToken } from './local-token';

export interface AuthConfigResponse {
  /** `oidc`: sign in at the identity provider; `local`: tokens only (development login if offered); `open`: no sign-in */
  mode: 'oidc' | 'local' | 'open';
  oidc: { issuer: string; clientId: string; scope: string } | null;
  devLogin: boolean;
  municipality: string;
}

const DEV_TOKEN_SECONDS = 8 * 3600;

class DevLoginDisabledError extends DomainError {
  constructor() {
    super('not_found', 'DEV_LOGIN_DISABLED', 'The development login is switched off');
  }
}

@Injectable()
export class DevLoginService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  publicConfig(): AuthConfigResponse {
    const { auth } = this.config;
    const oidc = auth.jwksUrl ? { issuer: auth.issuer, clientId: auth.uiClientId, scope: 'openid profile email' } : null;
    return {
      mode: oidc ? 'oidc' : auth.open ? 'open' : 'local',
      oidc,
      devLogin: auth.devLogin,
      municipality: this.config.municipality.name,
    };
  }

  async login(dto: DevLoginDto): Promise<{ token: string; expiresIn: number }> {
    if (!this.config.auth.devLogin) throw new DevLoginDisabledError();
    const name = dto.name?.trim() || `Test ${dto.role}`;
    const sub = `dev-${dto.role}-${slugify(name) || 'user'}`;
    const token = await mintLocalToken(
      this.config.auth.jwtSecret,
      { sub, roles: [dto.role], departments: dto.departments ?? [], email: `${sub}@dev.kennisbank.local`, name },
      DEV_TOKEN_SECONDS, // wall-clock time, as the token verifier checks expiry against it
    );
    return { token, expiresIn: DEV_TOKEN_SECONDS };
  }
}
