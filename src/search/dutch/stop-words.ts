/** Snowball's Dutch stop words plus words agents and callers use that never identify a product. */
export const DUTCH_STOP_WORDS = new Set(
  `aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen geweest
  haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn
  moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want
  waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
  graag wel even willen weten welke waar wanneer waarom hoeveel hoelang kun kunt mag mogen moeten mijnheer meneer mevrouw
  beller burger klant iemand iets gaat gaan krijg krijgen zit zitten staat doe doet heel erg please the a an of to for my i is how what
  nodig alstublieft svp bedankt dank hallo goedemiddag goedemorgen`
    .split(/\s+/)
    .filter(Boolean),
);

/** Question openers removed as phrases before tokenising, longest first. */
export const QUESTION_FILLERS = [
  'wat moet ik doen als',
  'wat moet ik doen',
  'ik wil graag weten',
  'ik zou graag willen weten',
  'ik zou graag',
  'ik wil graag',
  'hoe kan ik',
  'hoe moet ik',
  'kan ik',
  'mag ik',
  'moet ik',
  'waar kan ik',
  'kunt u mij vertellen',
  'kunt u mij helpen met',
  'ik heb een vraag over',
  'ik bel over',
  'ik bel voor',
  'mevrouw belt over',
  'meneer belt over',
  'klant belt over',
  'beller vraagt',
].sort((a, b) => b.length - a.length);
