export const ROLES = ['agent', 'editor', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is making the request. Every service that records "who" takes one of these. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  /** slugs of the departments the actor edits for */
  departments: string[];
  /** set when a machine client calls with an API key (userId is then the key's service account) */
  apiKey?: { id: string; scopes: string[] };
}
