import { ErrorBody, HttpAnswer, TaskMatch, TaskView, Work, error } from './contract-state';

/** The contract server's tasks: processed in order (cancelations first), with faults a test switches on. */
export class ContractTaskQueue {
  readonly tasks: TaskView[] = [];
  private queue: Work[] = [];
  private failing: { match: TaskMatch; error: ErrorBody }[] = [];
  private heldTasks: TaskMatch[] = [];
  private nextTaskUid = 0;

  /** Matching tasks end `failed` with this error code. */
  failTasks(match: TaskMatch, code: string, message = `simulated ${code}`): void {
    this.failing.push({ match, error: error(code, message, code === 'internal' ? 'internal' : 'invalid_request') });
  }

  /** Matching tasks stay `processing` (and, as in Meilisearch, hold up the tasks behind them). */
  holdTasks(match: TaskMatch): void {
    this.heldTasks.push(match);
  }

  releaseTasks(): void {
    this.heldTasks = [];
    this.pump();
  }

  /** Tasks fail no more; held ones go on. */
  heal(): void {
    this.failing = [];
    this.releaseTasks();
  }

  /** Resolves when no task is waiting (held tasks excepted). */
  async idle(): Promise<void> {
    while (this.queue.some((w) => !this.isHeld(w.task))) await new Promise((r) => setTimeout(r, 5));
  }

  isIndexing(uid: string): boolean {
    return this.queue.some((w) => w.task.indexUid === uid);
  }

  /** Takes a canceled task out of the queue. */
  drop(target: TaskView): void {
    this.queue = this.queue.filter((w) => w.task !== target);
  }

  enqueue(
    indexUid: string | null,
    type: string,
    details: Record<string, unknown> | null,
    apply: (task: TaskView) => void,
  ): HttpAnswer {
    const task: TaskView = {
      uid: this.nextTaskUid++,
      batchUid: null,
      indexUid,
      status: 'enqueued',
      type,
      canceledBy: null,
      details,
      error: null,
      duration: null,
      enqueuedAt: new Date().toISOString(),
    };
    this.tasks.push(task);
    const work = { task, apply: () => apply(task) };
    // Cancelations go first, as in Meilisearch: they must be able to stop a task that hangs.
    if (type === 'taskCancelation') this.queue.unshift(work);
    else this.queue.push(work);
    setImmediate(() => this.pump());
    return new HttpAnswer(202, { taskUid: task.uid, indexUid, status: 'enqueued', type, enqueuedAt: task.enqueuedAt });
  }

  private isHeld(task: TaskView): boolean {
    return task.type !== 'taskCancelation' && this.heldTasks.some((m) => m(task));
  }

  private pump(): void {
    while (this.queue.length) {
      const work = this.queue[0];
      const { task } = work;
      task.startedAt ??= new Date().toISOString();
      task.batchUid = task.uid;
      if (this.isHeld(task)) {
        task.status = 'processing';
        return;
      }
      this.queue.shift();
      const failure = this.failing.find((f) => f.match(task));
      try {
        if (failure) throw failure.error;
        work.apply();
        task.status = 'succeeded';
      } catch (e) {
        task.status = 'failed';
        task.error = (e as ErrorBody).code ? (e as ErrorBody) : error('internal', String(e), 'internal');
      }
      task.finishedAt = new Date().toISOString();
      task.duration = 'PT0.001S';
    }
  }
}
