import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { Actor } from './actor';

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>().actor;
  if (!actor) throw new Error('ActorGuard did not run');
  return actor;
});
