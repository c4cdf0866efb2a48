import { BSON } from 'mongodb';
import { buildFixture } from '../contract-fixtures.js';
import type { CustomerRecord } from '../read-model.port.js';
import { customerGuard } from './customer-document.js';

const [record] = [...buildFixture().records.values()] as CustomerRecord[];
// The serialisation the client applies to filters: the driver's BSON with ignoreUndefined, as CLIENT_OPTIONS sets it.
const onTheWire = (filter: object) => BSON.deserialize(BSON.serialize(filter, { ignoreUndefined: true }), { useBigInt64: true });

describe('customer write guard', () => {
  it('reaches the server with the customer id', () => {
    expect(onTheWire(customerGuard(record!))).toEqual({ _id: record!.state.customerId, lastPosition: { $lte: record!.lastPosition } });
  });

  it('is refused without a customer id instead of serialising to a filter on lastPosition alone', () => {
    // The mechanism: an undefined _id vanishes, leaving a filter every older customer matches.
    expect(onTheWire({ _id: undefined, lastPosition: { $lte: 5n } })).toEqual({ lastPosition: { $lte: 5n } });
    for (const customerId of [undefined, '', null, 42]) {
      const bad = { ...record!, state: { ...record!.state, customerId } } as unknown as CustomerRecord;
      expect(() => customerGuard(bad)).toThrow(/without a customerId/);
    }
  });
});
