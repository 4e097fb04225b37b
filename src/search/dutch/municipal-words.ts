/**
 * Municipal vocabulary the OpenTaal list lacks (it stores many words only through affix rules), so
 * compounds built on them still split: bijstand-s-uitkering, huwelijk-s-voltrekking.
 */
export const MUNICIPAL_WORDS = `
aanslag aanvraag afval afvalwijzer akte asbest belasting bestemmingsplan bewijs bezwaar bijstand bijstandsnorm bouw
burgerzaken container dakkapel digid document evenement gehandicapt gemeente gemeentelijk geboorte grofvuil heffing
huishoudelijk huur huwelijk identiteit identiteitsbewijs inkomen kaart kap kenteken kentekenbewijs kinderbijslag
kwijtschelding leerling leerlingenvervoer lantaarnpaal mantelzorg melding milieu milieustraat monument naturalisatie
nood ontheffing overlijden parkeer parkeerschijf partnerschap paspoort persoonsgegevens rijbewijs riool schuld
schuldhulp scootmobiel standplaats stoep stoeptegel terras toeslag uitkering uittreksel urgentie verhuizing vergunning
vervoer voltrekking vuil wmo woning woz zorg zwerfvuil
`
  .split(/\s+/)
  .filter(Boolean);
