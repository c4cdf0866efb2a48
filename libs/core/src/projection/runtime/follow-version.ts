import { VERSION_POLL_MS, type VersionDeps } from './rebuild-version.js';

/** Follows a switch made by another process (the CLI's rebuild, the API's admin endpoint): serves its version, projecting into it if this process did. */
export async function followServedVersion({ readModel, catalog, runtime, log }: VersionDeps): Promise<void> {
  const active = await catalog.activeVersion();
  if (active === readModel.version) return;
  const store = await catalog.open(active);
  const live = runtime.live;
  await runtime.pause();
  const old = readModel.switchTo(active, store);
  try {
    await runtime.restart(live);
  } finally {
    // Queries that started on the old version finish before it closes.
    setTimeout(() => void old.close(), VERSION_POLL_MS).unref();
  }
  log.log(`following the switch to projection version ${active}`);
}
