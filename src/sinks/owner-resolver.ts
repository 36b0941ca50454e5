import type { OpenMetadataClient } from '../openmetadata/openmetadata-client.js';
import { oncePerName } from '../util/once-per-key.js';

export interface ResolvedOwner {
  id: string;
  type: 'user' | 'team';
}

/**
 * Postgres owners are role names; OpenMetadata owners are users or teams. As OpenMetadata's connector does, a role
 * becomes the user of that name, else the team of that name, else no owner at all. One lookup per role per run.
 */
export class OwnerResolver {
  readonly resolve = oncePerName((name) => this.lookup(name));

  constructor(private readonly client: OpenMetadataClient) {}

  private async lookup(name: string): Promise<ResolvedOwner | undefined> {
    const user = await this.client.getByName('users', name);
    if (user) return { id: user.id, type: 'user' };
    const team = await this.client.getByName('teams', name);
    return team ? { id: team.id, type: 'team' } : undefined;
  }
}
