package dev.findingsresponder.bench.load;

/** One event to produce to findings.raw: its envelope id (the Kafka key), its attacker address and its JSON. */
record LoadEvent(String eventId, String address, byte[] json) {
}
