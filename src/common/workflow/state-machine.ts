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
  /** `same` keeps the current status (an article's confirm_review) */
  to: S | 'same';
  guards: readonly Guard<C>[];
  /** never offered in `allowedActions`: a transition only a trusted path takes (an admin's import) */
  system?: boolean;
}

export interface StateMachineOptions<C> {
  /**
   * Guards that look only at the stored subject, not at the request: `allowedActions` with a subject
   * leaves out the transitions they refuse (the other guards need a request that is not there yet).
   */
  stateGuards?: readonly Guard<C>[];
}

export type TransitionOutcome<S extends string, A extends string> =
  { ok: true; to: S } | { ok: false; code: string; message: string; field?: string; allowedActions: A[] };

/**
 * A workflow as data (Vendure's FSM): a transitions table plus pure guards. Articles, feedback and
 * content gaps each describe theirs with one.
 */
export class StateMachine<S extends string, A extends string, C extends { status: S }> {
  constructor(
    /** what the subject is called in messages, e.g. `feedback` */
    private readonly noun: string,
    readonly transitions: readonly Transition<S, A, C>[],
    private readonly options: StateMachineOptions<C> = {},
  ) {}

  /**
   * Actions possible from a status, `system` ones left out. Guards that look at the request are not
   * evaluated; given the subject, its `stateGuards` are.
   */
  allowedActions(status: S, subject?: C): A[] {
    const passes = (guard: Guard<C>) => !subject || !this.options.stateGuards?.includes(guard) || guard(subject) === null;
    return this.transitions.filter((t) => !t.system && t.from.includes(status) && t.guards.every(passes)).map((t) => t.action);
  }

  transition(subject: C, action: A): TransitionOutcome<S, A> {
    const rule = this.transitions.find((t) => t.action === action && t.from.includes(subject.status));
    const allowedActions = () => this.allowedActions(subject.status, subject);
    if (!rule) {
      return {
        ok: false,
        code: 'ILLEGAL_TRANSITION',
        message: `Cannot ${action.replace('_', ' ')} ${this.noun} that is ${subject.status.replace('_', ' ')}`,
        allowedActions: allowedActions(),
      };
    }
    for (const guard of rule.guards) {
      const refused = guard(subject);
      if (refused) return { ok: false, ...refused, allowedActions: allowedActions() };
    }
    return { ok: true, to: rule.to === 'same' ? subject.status : rule.to };
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
