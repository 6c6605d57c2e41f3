/** OpenAPI text shared by POST /v1/events and POST /v1/exposures: why 202, 207 and 400. */
export const INGEST_STATUS_DOCS =
  'Items are validated one by one: their shape, their `timestamp` inside the ingest window (INGEST_MAX_AGE_MS back, INGEST_MAX_FUTURE_MS ahead), and for exposures the served ruleset (experiment, its flag, its variant). ' +
  'The valid ones are written to Kafka (acks=all) before the answer, so an accepted item is durable. ' +
  '**202** `{accepted, rejected: []}`: every item was valid and stored. ' +
  '**207** `{accepted, rejected: [{index, errors: [{path, message}]}]}`: some items were invalid; the valid ones ARE stored, only the listed indexes need fixing (do not resend the whole batch). ' +
  '**400**: the body is malformed (not an object with a 1..1000 item array), or no item is valid (`error.details.rejected` lists each by index). ' +
  'An `id` sent twice in one batch is published once (its later indexes in `duplicates`); sent again later, it still counts once in the results (ids are deduplicated end to end). ' +
  '**413**: body over 1 MB. **503**: Kafka did not acknowledge within KAFKA_PRODUCE_TIMEOUT_MS, default 3 s (or, for exposures, the ruleset is not replayed or caught up yet); nothing was accepted, retry the batch. A problem of the data is never a 503.';
