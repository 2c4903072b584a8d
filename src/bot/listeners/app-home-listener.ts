import type { App } from '@slack/bolt';
import { renderAppHome } from '../../adapters/slack/render/app-home.js';
import { homeView } from '../../app/home/home-view.js';
import type { BotDeps } from '../bot-deps.js';

/** The App Home tab: published each time someone opens it. */
export function registerAppHome(app: App, deps: BotDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      const view = renderAppHome(await homeView(event.user, deps));
      await client.views.publish({ user_id: event.user, view: view as never });
    } catch (error) {
      deps.logger.error(`App Home for ${event.user} could not be published:`, error);
    }
  });
}
