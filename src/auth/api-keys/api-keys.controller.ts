import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Actor } from '../../common/request-context/actor';
import { CurrentActor } from '../../common/request-context/current-actor.decorator';
import { ApiController } from '../../common/request-context/access';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyIdParams, ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './dto/api-key.dto';

@ApiController({ path: 'api/api-keys', tag: 'api-keys', access: 'admin' })
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** Creates a key; the answer holds the secret, the only time it is shown. */
  @Post()
  @ApiOperation({ summary: 'Create an API key (the secret is shown once)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.apiKeys.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List API keys' })
  list(): Promise<ApiKeyResponse[]> {
    return this.apiKeys.list();
  }

  /** Revokes the key at once. */
  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key' })
  @HttpCode(204)
  async revoke(@Param() { id }: ApiKeyIdParams): Promise<void> {
    await this.apiKeys.revoke(id);
  }
}
