import { articleRecipients } from './recipients';

describe('articleRecipients', () => {
  it('goes to an active owner, greeting them by name', () => {
    expect(articleRecipients({ email: 'anna@lindeveen.nl', name: 'Anna', active: true }, ['coord@lindeveen.nl'])).toEqual({
      to: ['anna@lindeveen.nl'],
      name: 'Anna',
      routedTo: 'owner',
    });
  });

  it('falls back to the coordinators (deduplicated) when the owner left or there is none', () => {
    const coordinators = ['Coord@Lindeveen.nl', 'coord@lindeveen.nl ', 'kim@lindeveen.nl'];
    const expected = { to: ['coord@lindeveen.nl', 'kim@lindeveen.nl'], routedTo: 'coordinators' };
    expect(articleRecipients({ email: 'anna@lindeveen.nl', name: 'Anna', active: false }, coordinators)).toEqual(expected);
    expect(articleRecipients(null, coordinators)).toEqual(expected);
  });

  it('says nobody when there is neither', () => {
    expect(articleRecipients(null, [' '])).toEqual({ to: [], routedTo: 'nobody' });
  });
});
