import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { User } from './user.entity';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Finds or creates the user with this e-mail address (one statement, safe under concurrency). */
  async ensureByEmail(email: string, name = '', manager: EntityManager = this.dataSource.manager): Promise<User> {
    const rows: User[] = await manager.query(
      `INSERT INTO users (email, name) VALUES ($1, $2)
       ON CONFLICT (email) DO UPDATE SET name = CASE WHEN users.name = '' THEN EXCLUDED.name ELSE users.name END
       RETURNING id, email, name, subject, active, created_at AS "createdAt"`,
      [normaliseEmail(email), name],
    );
    return rows[0];
  }

  /**
   * The user a token speaks for, created on first sight: by identity-provider subject, else by the
   * e-mail address an import already knew (which then gets the subject), else new.
   */
  async upsertFromClaims(claims: { subject: string; email: string | null; name: string }): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      const email = claims.email
        ? normaliseEmail(claims.email)
        : `${claims.subject.toLowerCase().replace(/[^a-z0-9._-]/g, '_')}@users.invalid`;
      const bySubject = await repo.findOneBy({ subject: claims.subject });
      if (bySubject) {
        if (bySubject.email !== email || (claims.name && bySubject.name !== claims.name)) {
          const taken = await repo.findOneBy({ email });
          if (!taken || taken.id === bySubject.id) bySubject.email = email;
          if (claims.name) bySubject.name = claims.name;
          await repo.save(bySubject);
        }
        return bySubject;
      }
      const byEmail = await repo.findOneBy({ email });
      if (byEmail && !byEmail.subject) {
        byEmail.subject = claims.subject;
        if (claims.name) byEmail.name = claims.name;
        return repo.save(byEmail);
      }
      return repo.save(
        repo.create({ subject: claims.subject, email: byEmail ? `${claims.subject}@users.invalid` : email, name: claims.name }),
      );
    });
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
