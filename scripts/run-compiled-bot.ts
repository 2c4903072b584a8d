// Moved to src/demo (the demo ships in the package); tests and benches import it from here.
export * from '../src/demo/compiled-bot.js';
