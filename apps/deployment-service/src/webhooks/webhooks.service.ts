import { Inject, Injectable } from '@nestjs/common';
import type { WebhookCreate, WebhookUpdate } from '@xp/contracts';
import { NotFoundError } from '@xp/platform';
import { randomBytes } from 'node:crypto';
import { WebhookOutboxStore, type DeliveryLogEntry } from './webhook-outbox-store';
import { WebhookSubscriptionStore, type WebhookSubscription, type WebhookSubscriptionView } from './webhook-subscription-store';

export class WebhookNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('webhook_not_found', `No webhook subscription '${id.slice(0, 120)}'`, { details: { id: id.slice(0, 120) } });
  }
}

/** The answer of create and rotate-secret: the only two times the secret is shown. */
export type WebhookWithSecret = WebhookSubscription & { secret: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 32 random bytes, hex: what a subscription is signed with unless its creator chose a secret. */
const newSecret = () => `whsec_${randomBytes(32).toString('hex')}`;

/** Webhook subscriptions through the API; delivery is WebhookDeliveryWorker's. */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(WebhookSubscriptionStore) private readonly subscriptions: WebhookSubscriptionStore,
    @Inject(WebhookOutboxStore) private readonly outbox: WebhookOutboxStore,
  ) {}

  async create(input: WebhookCreate): Promise<WebhookWithSecret> {
    const secret = input.secret ?? newSecret();
    return { ...(await this.subscriptions.create({ ...input, secret })), secret };
  }

  list(): Promise<WebhookSubscriptionView[]> {
    return this.subscriptions.list();
  }

  async get(id: string): Promise<WebhookSubscriptionView> {
    const found = UUID.test(id) ? await this.subscriptions.find(id) : undefined;
    if (!found) throw new WebhookNotFoundError(id);
    return found;
  }

  async update(id: string, patch: WebhookUpdate): Promise<WebhookSubscriptionView> {
    if (!UUID.test(id) || !(await this.subscriptions.update(id, patch))) throw new WebhookNotFoundError(id);
    return this.get(id);
  }

  async rotateSecret(id: string): Promise<WebhookWithSecret> {
    const secret = newSecret();
    if (!UUID.test(id) || !(await this.subscriptions.rotateSecret(id, secret))) throw new WebhookNotFoundError(id);
    return { ...(await this.get(id)), secret };
  }

  async delete(id: string): Promise<void> {
    if (!UUID.test(id) || !(await this.subscriptions.delete(id))) throw new WebhookNotFoundError(id);
  }

  async deliveries(id: string, limit: number): Promise<DeliveryLogEntry[]> {
    await this.get(id);
    return this.outbox.deliveries(id, limit);
  }
}
