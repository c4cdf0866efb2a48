#!/usr/bin/env bash
# Every real-server suite and the CDNOW golden test against EventStoreDB and MongoDB, in the order
# they need (the golden test reads $all from the start, so it runs first, on an empty log):
#   docker compose down -v && docker compose up -d eventstoredb mongodb && npm run test:servers
# Only the two servers: a running compose projector would tick the clock into the log under test.
set -euo pipefail
cd "$(dirname "$0")/.."
export EVENTSTORE_CONNECTION_STRING="${EVENTSTORE_CONNECTION_STRING:-esdb://localhost:2113?tls=false}"
export MONGODB_URI="${MONGODB_URI:-mongodb://localhost:27017/lifecycle?directConnection=true}"
jest=(node --experimental-vm-modules --no-warnings node_modules/jest/bin/jest.js)

node scripts/wait-for-servers.mjs
echo "== 1/2 CDNOW golden test on eventstoredb + mongodb (needs an empty log)"
"${jest[@]}" test/golden/cdnow-golden.int.spec.ts --selectProjects integration
echo "== 2/2 contract suites and adapter specifics (streams under contract-*, databases of their own)"
"${jest[@]}" libs/event-store/src/esdb/esdb-event-store.int.spec.ts libs/read-model/src/mongo --selectProjects integration unit
