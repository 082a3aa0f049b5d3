package dev.findingsresponder.e2e;

/**
 * One event the demo sends, and what a reader should expect to see happen to it.
 *
 * @param label    what it is, for the report
 * @param expected what the example policy should do with it
 * @param eventId  the EventBridge envelope id (how the report finds its finding)
 * @param body     the event as sent
 */
record DemoCase(String label, String expected, String eventId, byte[] body) {
}
