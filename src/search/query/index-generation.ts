import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { changesSince, listenForGenerations } from '../postgres/postgres-index-changes';
import type { IndexChange } from './result-cache';

/** How often the generation is read while listening too: a silently broken connection is noticed. */
const POLL_MS = 1_000;
/** Without a confirmed read this recent, notifications are not trusted: each search reads the generation. */
const TRUST_MS = 3_000;
/** Wait before listening again after the connection was lost. */
const RECONNECT_MS = 2_000;

/**
 * What this process knows of the index generation, and the changes behind it, for the result cache.
 * Every index write moves the generation in the writing transaction and records what it changed;
 * a trigger notifies, so every API process (every replica) learns of a change within milliseconds of
 * its commit, without a database round trip per search. Reads once a second confirm the connection;
 * while it is down or unconfirmed (over {@link TRUST_MS}), each search reads the changes itself (one
 * shared round trip, as before). Started by the first search, so the worker and the CLI never listen.
 */
@Injectable()
export class IndexGeneration implements OnModuleDestroy {
  private readonly logger = new Logger(IndexGeneration.name);
  private readonly subscribers: ((change: IndexChange) => void)[] = [];
  private known: string | null = null;
  private listener: Client | null = null;
  private attempt = 0;
  private started = false;
  private closed = false;
  /** When the last read that began while listening began: changes before it are applied. */
  private confirmedAt = 0;
  private catchingUp: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `apply` is called with every change, in order; `terms: null` means anything may have changed. */
  subscribe(apply: (change: IndexChange) => void): void {
    this.subscribers.push(apply);
  }

  /**
   * Null when what this process knows is current (listening, confirmed): answer from the cache at once.
   * Otherwise a promise that resolves once the changes since were read and applied.
   */
  current(): Promise<void> | null {
    if (!this.started) this.start();
    if (this.listener && Date.now() - this.confirmedAt < TRUST_MS) return null;
    // One read shared by every search arriving while it is in flight (never extended by them).
    return this.catchingUp ?? this.catchUp();
  }

  /** After this process wrote the index: apply it before answering again (no wait for the notification). */
  async afterIndexWrite(): Promise<void> {
    if (this.known !== null) await this.catchUp().catch((e: Error) => this.logger.warn(`index generation not read: ${e.message}`));
  }

  /** Reads and applies the changes; called while a read is in flight, reads once more after it. */
  private catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.again = true; // a change may have committed after that read began
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.again = false;
        const began = Date.now();
        const listening = this.listener !== null;
        const { generation, changes } = await changesSince((sql, params) => this.dataSource.query(sql, params), this.known);
        this.apply(generation, changes);
        if (listening && this.listener) this.confirmedAt = began;
      } while (this.again);
    })().finally(() => (this.catchingUp = null));
    return this.catchingUp;
  }

  private apply(generation: string, changes: (IndexChange & { generation: string })[]): void {
    if (this.known === null) {
      this.known = generation; // nothing is cached before the first read
      return;
    }
    const everything = () => this.emit({ articleIds: [], terms: null });
    const target = BigInt(generation);
    let at = BigInt(this.known);
    if (target < at) everything(); // the database was restored or replaced
    for (const change of changes) {
      const next = BigInt(change.generation);
      if (next !== at + 1n) everything(); // generations without a record: a reindex, a manual bump, pruned
      this.emit(change);
      at = next;
    }
    if (at < target) everything();
    this.known = generation;
  }

  private emit(change: IndexChange): void {
    for (const apply of this.subscribers) apply(change);
  }

  private start(): void {
    this.started = true;
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
    void this.listen();
  }

  private async poll(): Promise<void> {
    if (!this.listener) return;
    await this.catchUp().catch((e: Error) => this.lost(this.attempt, e));
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const attempt = ++this.attempt;
    try {
      const client = await listenForGenerations(
        this.dataSource,
        () => void this.catchUp().catch((e: Error) => this.lost(attempt, e)),
        (error) => this.lost(attempt, error),
      );
      if (this.closed || attempt !== this.attempt) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      await this.catchUp();
    } catch (error) {
      this.lost(attempt, error as Error);
    }
  }

  /** The listening connection failed: searches read the generation themselves until it is back. */
  private lost(attempt: number, error?: Error): void {
    if (this.closed || attempt !== this.attempt) return;
    this.attempt++;
    const client = this.listener;
    this.listener = null;
    void client?.end().catch(() => undefined);
    this.logger.warn(`not listening for index changes (${error?.message ?? 'connection ended'}); retrying in ${RECONNECT_MS / 1000} s`);
    setTimeout(() => void this.listen(), RECONNECT_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }
}
