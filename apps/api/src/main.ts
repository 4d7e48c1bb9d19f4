import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from '@naskah/core';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  try {
    loadConfig(); // fail fast with a readable message before anything connects
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const app = await createApi();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
  console.log(`Naskah API siap di http://${config.HOST}:${config.PORT}${config.apiDocsEnabled ? ' (docs: /api/docs)' : ' (docs off: API_DOCS=true to serve /api/docs)'}`);
}

main().catch((err) => {
  console.error(`API gagal start / failed to start: ${(err as Error).message}`);
  process.exit(1);
});
