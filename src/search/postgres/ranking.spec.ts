import { answerKindTsquery, levelPoints, pointsText } from './ranking';

describe('question framing', () => {
  it('reads the kind of answer a question asks for', () => {
    expect(answerKindTsquery('wat kost een paspoort')).toContain('euro');
    expect(answerKindTsquery('hoe lang duurt een omgevingsvergunning')).toContain('termijn');
    expect(answerKindTsquery('wat moet ik regelen bij een overlijden')).toContain('stap');
    expect(answerKindTsquery('mag ik een schutting plaatsen')).toContain('toestem');
    expect(answerKindTsquery('moet ik mijn hond aanmelden')).toContain('verplicht');
  });

  it('leaves plain keyword queries alone', () => {
    expect(answerKindTsquery('paspoort aanvragen')).toBeNull();
  });
});

describe('coverage points', () => {
  it('rounds level × weight to four decimals, as numeric', () => {
    expect(levelPoints(0.8, 2.345678)).toBe(18765);
    expect(levelPoints(0.6, 0.1)).toBe(600);
    expect(levelPoints(0.3, -0.05)).toBe(-150);
  });

  it('writes points back as the numeric they stand for', () => {
    expect(pointsText(18765)).toBe('1.8765');
    expect(pointsText(600)).toBe('0.0600');
    expect(pointsText(-150)).toBe('-0.0150');
    expect(pointsText(0)).toBe('0.0000');
  });
});
