import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search: the article outbox (written in the same transaction as every article change), the
 * PostgreSQL engine's documents with weighted tsvectors, the term vocabulary for typo correction,
 * title/synonym phrases for suggestions, and synonym groups. Hand-written: tsvector columns, GIN
 * and trigram indexes are beyond the entity generator.
 */
export class SearchIndex1795460000000 implements MigrationInterface {
  name = 'SearchIndex1795460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await queryRunner.query(`
      CREATE TABLE article_outbox (
        id bigserial PRIMARY KEY,
        article_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_article_outbox_article ON article_outbox (article_id)`);
    // Changes the PostgreSQL index has taken but a secondary engine (Meilisearch) has not yet: an
    // outage of that engine never holds back the PostgreSQL index that search falls back to.
    await queryRunner.query(`
      CREATE TABLE search_secondary_outbox (
        id bigserial PRIMARY KEY,
        article_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE search_documents (
        article_id uuid PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        version integer NOT NULL,
        slug text NOT NULL,
        kind text NOT NULL,
        audience text NOT NULL,
        department_id uuid NOT NULL,
        department_slug text NOT NULL,
        department_name text NOT NULL,
        themes text[] NOT NULL DEFAULT '{}',
        life_events text[] NOT NULL DEFAULT '{}',
        target_groups text[] NOT NULL DEFAULT '{}',
        title text NOT NULL,
        summary text NOT NULL,
        synonyms text[] NOT NULL DEFAULT '{}',
        body_text text NOT NULL,
        kcc_text text NOT NULL DEFAULT '',
        review_due_at timestamptz,
        published_at timestamptz NOT NULL,
        vector tsvector NOT NULL,
        kcc_vector tsvector NOT NULL,
        indexed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_search_documents_vector ON search_documents USING gin (vector)`);
    await queryRunner.query(`CREATE INDEX ix_search_documents_kcc_vector ON search_documents USING gin (kcc_vector)`);
    await queryRunner.query(`CREATE INDEX ix_search_documents_themes ON search_documents USING gin (themes)`);
    await queryRunner.query(`CREATE INDEX ix_search_documents_life_events ON search_documents USING gin (life_events)`);

    // Every key ever indexed: typo correction looks up near neighbours here with pg_trgm; df (in how
    // many documents it occurs, refreshed in the background) weighs rare words above common ones.
    await queryRunner.query(`CREATE TABLE search_terms (term text PRIMARY KEY, df integer NOT NULL DEFAULT 0)`);
    await queryRunner.query(`
      CREATE TABLE search_index_stats (
        id smallint PRIMARY KEY CHECK (id = 1),
        documents integer NOT NULL DEFAULT 0,
        refreshed_at timestamptz
      )`);
    await queryRunner.query(`INSERT INTO search_index_stats (id) VALUES (1)`);
    await queryRunner.query(`CREATE INDEX ix_search_terms_trgm ON search_terms USING gin (term gin_trgm_ops)`);

    // Titles and synonyms for search-as-you-type.
    await queryRunner.query(`
      CREATE TABLE search_phrases (
        article_id uuid NOT NULL REFERENCES search_documents (article_id) ON DELETE CASCADE,
        phrase text NOT NULL,
        norm text NOT NULL,
        source text NOT NULL CHECK (source IN ('title', 'synonym')),
        PRIMARY KEY (article_id, norm)
      )`);
    await queryRunner.query(`CREATE INDEX ix_search_phrases_norm_prefix ON search_phrases (norm text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX ix_search_phrases_norm_trgm ON search_phrases USING gin (norm gin_trgm_ops)`);

    await queryRunner.query(`
      CREATE TABLE search_synonym_groups (
        id serial PRIMARY KEY,
        terms text[] NOT NULL CHECK (cardinality(terms) >= 2),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO search_synonym_groups (terms) VALUES
        ('{ID-kaart,identiteitskaart,identiteitsbewijs,ID-bewijs}'),
        ('{paspoort,reisdocument,passport}'),
        ('{rijbewijs,driving licence,drivers license,rijvaardigheidsbewijs}'),
        ('{afvalpas,milieupas,milieustraatpas}'),
        ('{trouwen,huwelijk,huwelijksvoltrekking,getrouwd,marriage,wedding}'),
        ('{geregistreerd partnerschap,partnerschap}'),
        ('{WOZ,OZB,onroerendezaakbelasting,WOZ-waarde,WOZ-beschikking}'),
        ('{uitkering,bijstand,bijstandsuitkering,Participatiewet}'),
        ('{grofvuil,grof huisvuil,grofafval,bulky waste}'),
        ('{container,kliko,minicontainer,vuilnisbak,afvalbak}'),
        ('{GFT,groente fruit en tuinafval,groenbak}'),
        ('{verhuizen,verhuizing,moving house,adreswijziging,nieuw adres}'),
        ('{geboorteaangifte,aangifte geboorte,birth registration,baby aangeven}'),
        ('{overlijden,aangifte overlijden,overleden,death}'),
        ('{parkeervergunning,parking permit,vergunning parkeren}'),
        ('{gehandicaptenparkeerkaart,GPK,invalidenparkeerkaart}'),
        ('{kapvergunning,boom kappen,omgevingsvergunning kappen}'),
        ('{omgevingsvergunning,bouwvergunning,building permit}'),
        ('{uittreksel BRP,uittreksel,bewijs van inschrijving,GBA-uittreksel}'),
        ('{VOG,verklaring omtrent het gedrag,certificate of good conduct}'),
        ('{Wmo,maatschappelijke ondersteuning}'),
        ('{huishoudelijke hulp,huishoudelijke ondersteuning,schoonmaakhulp,thuishulp}'),
        ('{schuldhulpverlening,schuldhulp,schulden,deurwaarder,betalingsachterstand,debt}'),
        ('{kwijtschelding,kwijtschelding gemeentelijke belastingen,niet kunnen betalen}'),
        ('{afvalkalender,afvalwijzer,ophaaldagen,ophaalschema,vuilniswagen,vuilnisauto,garbage collection}'),
        ('{lantaarnpaal,straatlantaarn,straatverlichting}'),
        ('{melding openbare ruimte,MOR,klacht openbare ruimte}'),
        ('{naturalisatie,Nederlander worden,citizenship}'),
        ('{belastingen,taxes,tax}'),
        ('{afval,garbage,rubbish,waste,trash,vuilnis}'),
        ('{nooddocument,noodpaspoort,emergency passport}'),
        ('{evenementenvergunning,event permit}'),
        ('{naheffingsaanslag,parkeerbon,parkeerboete,parking fine,parking ticket}'),
        ('{hondenbelasting,dog tax}'),
        ('{speeltuin,speeltoestel,klimrek,schommel,glijbaan,playground}'),
        ('{gladheid,gladheidsbestrijding,strooien,ijzel,sneeuw}'),
        ('{standplaats,standplaatsvergunning,marktkraam,foodtruck,frietkraam}'),
        ('{klein chemisch afval,KCA,chemisch afval,verfresten}')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE search_synonym_groups`);
    await queryRunner.query(`DROP TABLE search_phrases`);
    await queryRunner.query(`DROP TABLE search_index_stats`);
    await queryRunner.query(`DROP TABLE search_terms`);
    await queryRunner.query(`DROP TABLE search_documents`);
    await queryRunner.query(`DROP TABLE search_secondary_outbox`);
    await queryRunner.query(`DROP TABLE article_outbox`);
  }
}
