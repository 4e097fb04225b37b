import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { isUniqueViolation } from '../common/errors/postgres-errors';
import { User } from './user.entity';

const USER_COLUMNS = 'id, email, name, subject, active, created_at AS "createdAt"';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Finds or creates the user with this e-mail address (one statement, safe under concurrency). */
  async ensureByEmail(email: string, name = '', manager: EntityManager = this.dataSource.manager): Promise<User> {
    const rows: User[] = await manager.query(
      `INSERT INTO users (email, name) VALUES ($1, $2)
       ON CONFLICT (email) DO UPDATE SET name = CASE WHEN users.name = '' THEN EXCLUDED.name ELSE users.name END
       RETURNING ${USER_COLUMNS}`,
      [normaliseEmail(email), name],
    );
    return rows[0];
  }

  /**
   * The user a token speaks for, created on first sight: by identity-provider subject, else by the
   * e-mail address an import already knew (which then gets the subject), else new. Safe when many
   * first requests of one new user arrive at once (a werkplek opening at shift start, on any
   * replica): each step is one statement, and the insert is an upsert on the subject.
   */
  async upsertFromClaims(claims: { subject: string; email: string | null; name: string }): Promise<User> {
    const email = claims.email
      ? normaliseEmail(claims.email)
      : `${claims.subject.toLowerCase().replace(/[^a-z0-9._-]/g, '_')}@users.invalid`;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.findOrCreateBySubject(claims.subject, email, claims.name);
      } catch (error) {
        // ON CONFLICT settles the subject; the e-mail address is a second unique key, which two first
        // sightings can both claim in the instant before either commits. The retry then finds the winner.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  private async findOrCreateBySubject(subject: string, email: string, name: string): Promise<User> {
    const db = this.dataSource.manager;
    const [known] = await this.userRows(db, `SELECT ${USER_COLUMNS} FROM users WHERE subject = $1`, [subject]);
    if (known) {
      if (known.email === email && (!name || known.name === name)) return known;
      // A changed address is taken over unless someone else already has it.
      const [updated] = await this.userRows(
        db,
        `UPDATE users SET
           email = CASE WHEN EXISTS (SELECT 1 FROM users other WHERE other.email = $2 AND other.id <> users.id) THEN users.email ELSE $2 END,
           name = CASE WHEN $3 <> '' THEN $3 ELSE users.name END
         WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [known.id, email, name],
      );
      return updated ?? known;
    }
    const [adopted] = await this.userRows(
      db,
      `UPDATE users SET subject = $1, name = CASE WHEN $3 <> '' THEN $3 ELSE users.name END
       WHERE email = $2 AND subject IS NULL RETURNING ${USER_COLUMNS}`,
      [subject, email, name],
    );
    if (adopted) return adopted;
    // An address another subject already holds stays theirs: the newcomer gets an undeliverable one.
    const [created] = await this.userRows(
      db,
      `INSERT INTO users (subject, email, name)
       VALUES ($1, CASE WHEN EXISTS (SELECT 1 FROM users WHERE email = $2) THEN $4 ELSE $2 END, $3)
       ON CONFLICT (subject) WHERE subject IS NOT NULL
       DO UPDATE SET name = CASE WHEN EXCLUDED.name <> '' THEN EXCLUDED.name ELSE users.name END
       RETURNING ${USER_COLUMNS}`,
      [subject, email, name, `${subject}@users.invalid`],
    );
    return created;
  }

  private async userRows(manager: EntityManager, sql: string, parameters: unknown[]): Promise<User[]> {
    const result: unknown[] = await manager.query(sql, parameters);
    // TypeORM answers an UPDATE with [rows, affected count], a SELECT or INSERT with the rows.
    return (/^\s*UPDATE/i.test(sql) ? result[0] : result) as User[];
  }

  /** The account a machine client (API key) acts as; its address is not deliverable on purpose. */
  async createServiceAccount(id: string, name: string, manager: EntityManager): Promise<User> {
    const repo = manager.getRepository(User);
    return repo.save(repo.create({ id, email: `${id}@api-keys.invalid`, name, subject: `api-key:${id}` }));
  }

  async findByIds(ids: string[]): Promise<Map<string, User>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (unique.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).findBy({ id: In(unique) });
    return new Map(users.map((u) => [u.id, u]));
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ email: normaliseEmail(email) });
  }

  async findByEmails(emails: string[]): Promise<Map<string, User>> {
    const unique = [...new Set(emails.map(normaliseEmail).filter(Boolean))];
    if (unique.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).findBy({ email: In(unique) });
    return new Map(users.map((u) => [u.email, u]));
  }

  /** Marks someone as gone (left, long leave) or back: reminders for their articles go to the coordinators meanwhile. */
  async setActive(email: string, active: boolean): Promise<User> {
    const user = await this.ensureByEmail(email);
    await this.dataSource.getRepository(User).update({ id: user.id }, { active });
    return { ...user, active };
  }
}
