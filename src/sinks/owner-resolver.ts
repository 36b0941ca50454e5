import type { OpenMetadataClient } from '../openmetadata/openmetadata-client.js';

export interface ResolvedOwner {
  id: string;
  type: 'user' | 'team';
}

/**
 * Postgres owners are role names; OpenMetadata owners are users or teams. As OpenMetadata's connector does, a role
 * becomes the user of that name, else the team of that name, else no owner at all. One lookup per role per run.
 */
export class OwnerResolver {
  private readonly cache = new Map<string, Promise<ResolvedOwner | undefined>>();

  constructor(private readonly client: OpenMetadataClient) {}

  resolve(name: string): Promise<ResolvedOwner | undefined> {
    let pending = this.cache.get(name);
    if (!pending) {
      pending = this.lookup(name);
      this.cache.set(name, pending);
    }
    return pending;
  }

  private async lookup(name: string): Promise<ResolvedOwner | undefined> {
    const user = await this.client.getByName('users', name);
    if (user) return { id: user.id, type: 'user' };
    const team = await this.client.getByName('teams', name);
    return team ? { id: team.id, type: 'team' } : undefined;
  }
}
