import { DomainError } from '../errors/domain-error';

/** Why a guard refuses a transition; `field` names the request field to blame (400), else 409. */
export interface Refusal {
  code: string;
  message: string;
  field?: string;
}

/** A pure check on a snapshot of the subject plus the request: null lets the transition go ahead. */
export type Guard<C> = (subject: C) => Refusal | null;

export interface Transition<S extends string, A extends string, C> {
  action: A;
  from: readonly S[];
  to: S;
  guards: readonly Guard<C>[];
}

export type TransitionOutcome<S extends string, A extends string> =
  { ok: true; to: S } | { ok: false; code: string; message: string; field?: string; allowedActions: A[] };

/**
 * A workflow as data (Vendure's FSM): a transitions table plus pure guards. Used by the smaller
 * workflows (feedback, content gaps); articles keep their own richer table.
 */
export class StateMachine<S extends string, A extends string, C extends { status: S }> {
  constructor(
    /** what the subject is called in messages, e.g. `feedback` */
    private readonly noun: string,
    readonly transitions: readonly Transition<S, A, C>[],
  ) {}

  /** Actions possible from a status (guards that look at the request are not evaluated). */
  allowedActions(status: S): A[] {
    return this.transitions.filter((t) => t.from.includes(status)).map((t) => t.action);
  }

  transition(subject: C, action: A): TransitionOutcome<S, A> {
    const rule = this.transitions.find((t) => t.action === action && t.from.includes(subject.status));
    const allowedActions = this.allowedActions(subject.status);
    if (!rule) {
      return {
        ok: false,
        code: 'ILLEGAL_TRANSITION',
        message: `Cannot ${action} ${this.noun} that is ${subject.status.replace('_', ' ')}`,
        allowedActions,
      };
    }
    for (const guard of rule.guards) {
      const refused = guard(subject);
      if (refused) return { ok: false, ...refused, allowedActions };
    }
    return { ok: true, to: rule.to };
  }

  /** Like `transition`, but throws {@link TransitionRefusedError}; returns the new status. */
  apply(subject: C, action: A): S {
    const outcome = this.transition(subject, action);
    if (!outcome.ok) throw new TransitionRefusedError(outcome, subject.status);
    return outcome.to;
  }
}

/** 409 with the allowed actions for an illegal move; 400 on the field when a guard blames the request. */
export class TransitionRefusedError extends DomainError {
  constructor(outcome: Extract<TransitionOutcome<string, string>, { ok: false }>, status: string) {
    super(
      outcome.field ? 'invalid' : 'conflict',
      outcome.code,
      outcome.message,
      { status, allowedActions: outcome.allowedActions },
      outcome.field ? [{ field: outcome.field, code: outcome.code, message: outcome.message }] : [],
    );
  }
}
