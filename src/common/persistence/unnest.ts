/**
 * One array per key, in the order given: the parameters of `INSERT … SELECT … FROM unnest($1::type[], …)`,
 * which writes a whole batch of rows in one statement.
 */
export function unnestColumns<T, K extends keyof T>(rows: readonly T[], keys: readonly K[]): T[K][][] {
  return keys.map((key) => rows.map((row) => row[key]));
}
