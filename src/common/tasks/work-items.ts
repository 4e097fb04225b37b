import { Injectable, Module } from '@nestjs/common';
import type { Actor } from '../request-context/actor';
import type { TaskItem } from './task-item';

/**
 * Work items as a contract. A feature with work for editors (feedback, source changes, content gaps,
 * broken links, missing UPLs, reviews) implements these and registers itself with the
 * `WorkItemRegistry` in its module's `onModuleInit`; stewardship reads the registry for the task list,
 * the dashboard and the daily snapshots, and imports none of those features.
 */
export interface TaskSource {
  /** where this source's tasks sit among the review stages (0 upcoming … 3 escalated), by how much they hurt agents */
  readonly urgency: number;
  tasksFor(actor: Actor, now: Date): Promise<TaskItem[]>;
}

/** Extra numbers per department for the dashboard and snapshots, e.g. `openFeedback`, `brokenLinks`. */
export interface FigureSource {
  /** figure name → value, per department id; a department left out counts as 0 for every figure */
  figures(now: Date): Promise<Map<string, Record<string, number>>>;
}

/** The registered work-item sources of this application. */
@Injectable()
export class WorkItemRegistry {
  private readonly tasks: TaskSource[] = [];
  private readonly figures: FigureSource[] = [];

  register(source: TaskSource | FigureSource): void {
    if ('tasksFor' in source) this.tasks.push(source);
    if ('figures' in source) this.figures.push(source);
  }

  taskSources(): readonly TaskSource[] {
    return this.tasks;
  }

  figureSources(): readonly FigureSource[] {
    return this.figures;
  }
}

/** Import it where a source registers or where the sources are read: one registry per application. */
@Module({ providers: [WorkItemRegistry], exports: [WorkItemRegistry] })
export class WorkItemsModule {}
