import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './time/clock';

/** Cross-cutting providers every module may inject; tests pass a clock they control. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(clock: Clock): DynamicModule {
    return { module: CommonModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
