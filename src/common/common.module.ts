import { DynamicModule, Global, Module } from '@nestjs/common';
import { JOB_SETTINGS, JobRunners, JobSettings } from './queue/job-runner';
import { Clock } from './time/clock';

/** Cross-cutting providers every module may inject; tests pass a clock they control. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(clock: Clock, jobs: JobSettings): DynamicModule {
    return {
      module: CommonModule,
      providers: [{ provide: Clock, useValue: clock }, { provide: JOB_SETTINGS, useValue: jobs }, JobRunners],
      exports: [Clock, JobRunners],
    };
  }
}
