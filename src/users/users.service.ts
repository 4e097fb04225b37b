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

  async findByIds(ids: string[]): Promise<Map<string, User>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (unique.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).findBy({ id: In(unique) });
    return new Map(users.map((u) => [u.id, u]));
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ email: normaliseEmail(email) });
  }
}
