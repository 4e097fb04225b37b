import type { ReviewStage } from './review-policy';
import type { RecipientRole } from './stewardship-delivery.entity';

export interface Person {
  email: string;
  name: string;
  userId: string | null;
}

export interface Recipient extends Person {
  role: RecipientRole;
  /** digest: recorded now, mailed in the recipient's weekly digest */
  via: 'mail' | 'digest';
}

export interface RecipientContext {
  owner: { id: string; email: string; name: string; active: boolean } | null;
  ownerWantsDigest: boolean;
  /** the department's coordinators */
  coordinators: Person[];
  /** the KCC's kennisregisseur, when configured */
  kennisregisseur: Person | null;
}

/**
 * Who gets the reminder for a stage: the owner while they are active (by mail, or in their weekly
 * digest if they chose that); otherwise the department's coordinators, or the kennisregisseur when
 * the department has none. An escalation goes in addition to the coordinators and the
 * kennisregisseur, always by mail. Everyone once (first role wins); empty when nobody is known.
 */
export function reminderRecipients(stage: ReviewStage, ctx: RecipientContext): Recipient[] {
  const out: Recipient[] = [];
  const add = (person: Person, role: RecipientRole, via: Recipient['via'] = 'mail') => {
    if (person.email && !out.some((r) => r.email === person.email)) out.push({ ...person, role, via });
  };
  const owner = ctx.owner?.active ? ctx.owner : null;
  if (owner) {
    add({ email: owner.email, name: owner.name, userId: owner.id }, 'owner', ctx.ownerWantsDigest ? 'digest' : 'mail');
  } else {
    for (const c of ctx.coordinators) add(c, 'coordinator');
    if (ctx.coordinators.length === 0 && ctx.kennisregisseur) add(ctx.kennisregisseur, 'kennisregisseur');
  }
  if (stage === 'escalated') {
    for (const c of ctx.coordinators) add(c, 'coordinator');
    if (ctx.kennisregisseur) add(ctx.kennisregisseur, 'kennisregisseur');
  }
  return out;
}
