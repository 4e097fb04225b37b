import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';

/**
 * A nudge after an article change has been committed, so consumers of the outbox (search indexing)
 * can drain it at once. Only a nudge: the outbox row is the durable record, and a scheduled drain
 * picks up anything a lost nudge (crash, restart) left behind.
 */
@Injectable()
export class ArticleChangeSignal {
  private readonly subject = new Subject<string>();
  readonly changes$ = this.subject.asObservable();

  committed(articleId: string): void {
    this.subject.next(articleId);
  }
}
