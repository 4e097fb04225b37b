import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ReminderDeliveryService } from '../reminder-delivery.service';
import { ReviewScanService } from '../review-scan.service';
import { WeeklyDigestService } from '../weekly-digest.service';
import { StewardshipJob, StewardshipJobPayloads } from './stewardship-jobs';

/** The stewardship queue's one processor; worker.ts wires it to BullMQ, tests and the local scheduler call it directly. */
@Injectable()
export class StewardshipProcessor {
  constructor(
    private readonly scans: ReviewScanService,
    private readonly digests: WeeklyDigestService,
    private readonly deliveries: ReminderDeliveryService,
  ) {}

  process(job: Pick<Job<StewardshipJobPayloads[StewardshipJob], unknown, StewardshipJob>, 'name'>): Promise<unknown> {
    return this.run(job.name);
  }

  async run(name: StewardshipJob): Promise<unknown> {
    switch (name) {
      case StewardshipJob.Scan:
        return { scan: await this.scans.scan(), delivered: await this.deliveries.drain() };
      case StewardshipJob.Digest:
        return { digest: await this.digests.run(), delivered: await this.deliveries.drain() };
      case StewardshipJob.Deliver:
        return { delivered: await this.deliveries.drain() };
      default:
        return assertNever(name);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown stewardship job ${String(value)}`);
}
