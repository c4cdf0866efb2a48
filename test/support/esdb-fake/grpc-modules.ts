import { createRequire } from 'node:module';
import type * as streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type * as streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type * as sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type * as statusPb from '@eventstore/db-client/generated/status_pb.js';
import type * as featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type * as featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type * as anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import type * as emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';

/**
 * The client's own generated gRPC service definitions and messages, loaded from the installed
 * @eventstore/db-client (CommonJS), so the fake speaks exactly the protocol the client speaks.
 */
const require = createRequire(import.meta.url);
const generated = (name: string) => require(`@eventstore/db-client/generated/${name}.js`);

export const streamsService = (generated('streams_grpc_pb') as typeof streamsGrpc).StreamsService;
export const featuresService = (generated('serverfeatures_grpc_pb') as typeof featuresGrpc).ServerFeaturesService;
export const streams = generated('streams_pb') as typeof streamsPb;
export const shared = generated('shared_pb') as typeof sharedPb;
export const status = generated('status_pb') as typeof statusPb;
export const features = generated('serverfeatures_pb') as typeof featuresPb;
export const protobufAny = require('google-protobuf/google/protobuf/any_pb.js') as typeof anyPb;
export const protobufEmpty = require('google-protobuf/google/protobuf/empty_pb.js') as typeof emptyPb;
