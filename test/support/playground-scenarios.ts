/**
 * What the playground's scenarios make the bot say, for the browser tests and
 * the screenshots script: the commands to type and the words that prove each
 * step (scenarios/playground*.yml; staging runs backend 1.1.0, 1.2.0 deploys
 * cleanly in "Healthy" and crash-loops in "Crash-looping release").
 */
export const FLOW = {
  readinessCard: 'Readiness · staging',
  deploy: '/deploy backend 1.2.0',
  deployCard: 'Deploy backend 1.2.0 to staging',
  refusal: 'you asked for this; someone else has to approve it',
  running: 'backend 1.2.0 is running in staging',
  crashDeploy: '/deploy backend 1.2.0',
  crashCard: 'Deploy backend 1.2.0 to staging',
  rollback: /Rolling back to .*shop\/backend:1\.1\.0/,
  locked: 'are locked until someone runs',
  homeLock: /backend in staging · by/,
} as const;

/** Slack's own answer to a command no app registered (Slackbot's, shown only to the sender). */
export const notACommand = (command: string): string =>
  `${command} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`;
