import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Active feedback follows its article to another department in the same transaction as the move: a
 * row trigger on articles, so no path that changes the department (edit, import, SQL) can commit the
 * move and leave the feedback behind (issue 14). Before, the application moved it on an in-memory
 * signal after the commit, which a crash in between lost. Closed feedback stays with the department
 * that handled it. The active statuses are a copy of ACTIVE_FEEDBACK (src/feedback/feedback-workflow.ts)
 * on purpose: a migration must not change when the code does.
 */
export class FeedbackFollowsArticle1795516000000 implements MigrationInterface {
  name = 'FeedbackFollowsArticle1795516000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION feedback_follow_article() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE feedback SET department_id = NEW.department_id
         WHERE article_id = NEW.id AND status IN ('open', 'in_progress') AND department_id <> NEW.department_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER feedback_follow_article AFTER UPDATE OF department_id ON articles
      FOR EACH ROW WHEN (OLD.department_id IS DISTINCT FROM NEW.department_id) EXECUTE FUNCTION feedback_follow_article()`);
    // Feedback an earlier crash left behind.
    await queryRunner.query(`
      UPDATE feedback f SET department_id = a.department_id FROM articles a
       WHERE a.id = f.article_id AND f.status IN ('open', 'in_progress') AND f.department_id <> a.department_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER feedback_follow_article ON articles`);
    await queryRunner.query(`DROP FUNCTION feedback_follow_article()`);
  }
}
