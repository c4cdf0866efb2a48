#!/usr/bin/env bash
# The whole CDNOW file through the EventStoreDB adapter on the protocol-level fake, compared with
# the expected results (npm test runs a slice of it); several minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
CDNOW_ESDB_FAKE=full node --experimental-vm-modules --no-warnings node_modules/jest/bin/jest.js \
  test/golden/cdnow-esdb-fake.int.spec.ts --selectProjects integration
