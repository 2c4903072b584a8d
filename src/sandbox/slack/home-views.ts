import { ChangeSignal } from './change-signal.js';
import type { SlackWorkspace } from './slack-workspace.js';

/** A Home tab view as views.publish stored it. */
export interface PublishedHomeView {
  id: string;
  userId: string;
  view: Record<string, unknown>;
  hash: string;
  /** Epoch ms, on the workspace's clock. */
  publishedAt: number;
}

/** The Home tab each user sees (the last view published for them) and every publish, in order. */
export class HomeViews {
  readonly published: PublishedHomeView[] = [];
  private readonly current = new Map<string, PublishedHomeView>();
  private readonly changes = new ChangeSignal();
  private sequence = 0;

  /** Views keep their id across publishes for the same user, as Slack's do; the hash changes each time. */
  publish(userId: string, view: Record<string, unknown>, at: number): PublishedHomeView {
    this.sequence += 1;
    const id = this.current.get(userId)?.id ?? `V0HOME${String(this.sequence).padStart(5, '0')}`;
    const published: PublishedHomeView = { id, userId, view, hash: `${Math.floor(at / 1000)}.${String(this.sequence).padStart(8, '0')}`, publishedAt: at };
    this.current.set(userId, published);
    this.published.push(published);
    this.changes.notify();
    return published;
  }

  /** Calls `listener` after every publish; returns the unsubscribe. */
  onPublish(listener: () => void): () => void {
    return this.changes.subscribe(listener);
  }

  /** What `userId`'s Home tab shows now; undefined before anything was published for them. */
  of(userId: string): PublishedHomeView | undefined {
    return this.current.get(userId);
  }

  /** Resolves once `count` views in all have been published for `userId`. */
  waitForPublish(userId: string, count = 1, timeoutMs = 5000): Promise<PublishedHomeView> {
    const find = () => {
      const forUser = this.published.filter((p) => p.userId === userId);
      return forUser.length >= count ? forUser[count - 1] : undefined;
    };
    return this.changes.waitFor(find, timeoutMs, `Home tab publish #${count} for ${userId}`);
  }
}

const homeViewsByWorkspace = new WeakMap<SlackWorkspace, HomeViews>();

/** The workspace's Home tabs, created on first use. */
export function homeViewsOf(workspace: SlackWorkspace): HomeViews {
  let views = homeViewsByWorkspace.get(workspace);
  if (!views) {
    views = new HomeViews();
    homeViewsByWorkspace.set(workspace, views);
  }
  return views;
}
