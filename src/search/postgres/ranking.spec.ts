import { answerKindTsquery, refineScoreSql } from './ranking';

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
    expect(refineScoreSql('s', 'v', 'q')).not.toContain('@@');
    expect(refineScoreSql('s', 'v', 'q', '$1')).toContain('v @@ $1');
  });
});
