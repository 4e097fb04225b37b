import { RecipientContext, reminderRecipients } from './reminder-recipients';

const anna = { id: 'u-anna', email: 'anna@lindeveen.nl', name: 'Anna', active: true };
const kees = { email: 'kees@lindeveen.nl', name: 'Kees', userId: 'u-kees' };
const lotte = { email: 'lotte@lindeveen.nl', name: '', userId: null };
const regie = { email: 'regie@lindeveen.nl', name: 'Kennisregie', userId: null };
const ctx = (extra: Partial<RecipientContext> = {}): RecipientContext => ({
  owner: anna,
  ownerWantsDigest: false,
  coordinators: [kees, lotte],
  kennisregisseur: regie,
  ...extra,
});
const who = (list: ReturnType<typeof reminderRecipients>) => list.map((r) => `${r.role}:${r.email}:${r.via}`);

describe('reminderRecipients', () => {
  it('reminds the active owner, and nobody else, before escalation', () => {
    for (const stage of ['upcoming', 'due', 'overdue'] as const) {
      expect(who(reminderRecipients(stage, ctx()))).toEqual(['owner:anna@lindeveen.nl:mail']);
    }
  });

  it('puts the owner in their digest when they chose it', () => {
    expect(who(reminderRecipients('due', ctx({ ownerWantsDigest: true })))).toEqual(['owner:anna@lindeveen.nl:digest']);
  });

  it('escalates to the coordinators and the kennisregisseur, always by mail, and still tells the owner', () => {
    expect(who(reminderRecipients('escalated', ctx({ ownerWantsDigest: true })))).toEqual([
      'owner:anna@lindeveen.nl:digest',
      'coordinator:kees@lindeveen.nl:mail',
      'coordinator:lotte@lindeveen.nl:mail',
      'kennisregisseur:regie@lindeveen.nl:mail',
    ]);
  });

  it('goes to the coordinators when the owner left or there is none', () => {
    const expected = ['coordinator:kees@lindeveen.nl:mail', 'coordinator:lotte@lindeveen.nl:mail'];
    expect(who(reminderRecipients('upcoming', ctx({ owner: { ...anna, active: false } })))).toEqual(expected);
    expect(who(reminderRecipients('overdue', ctx({ owner: null })))).toEqual(expected);
  });

  it('falls back to the kennisregisseur when the department has no coordinators, and to nobody without one', () => {
    expect(who(reminderRecipients('due', ctx({ owner: null, coordinators: [] })))).toEqual(['kennisregisseur:regie@lindeveen.nl:mail']);
    expect(reminderRecipients('due', ctx({ owner: null, coordinators: [], kennisregisseur: null }))).toEqual([]);
    expect(who(reminderRecipients('escalated', ctx({ owner: null, coordinators: [] })))).toEqual([
      'kennisregisseur:regie@lindeveen.nl:mail',
    ]);
  });

  it('mails everyone once, in their first role', () => {
    const ownerIsCoordinator = ctx({ coordinators: [{ email: anna.email, name: 'Anna', userId: anna.id }, kees], kennisregisseur: kees });
    expect(who(reminderRecipients('escalated', ownerIsCoordinator))).toEqual([
      'owner:anna@lindeveen.nl:mail',
      'coordinator:kees@lindeveen.nl:mail',
    ]);
  });
});
