package dev.findingsresponder.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The envelopes an event can legitimately arrive in, put around a (possibly already mutated) input. */
final class Wrappers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Wrappers() {
    }

    /** An SNS notification whose Message is the input as a JSON string, as an SNS-to-SQS subscription delivers it. */
    static JsonNode sns(JsonNode inner) {
        ObjectNode n = NODES.objectNode();
        n.put("Type", "Notification");
        n.put("MessageId", "6f1e2c4a-0000-4000-8000-000000000001");
        n.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:findings");
        n.put("Message", DuplicatingWriter.text(inner));
        n.put("Timestamp", "2026-01-01T00:00:00.000Z");
        return n;
    }

    /** A Security Hub "Findings - Imported" event whose one finding is the input's detail (or the input itself). */
    static JsonNode securityHub(JsonNode inner) {
        JsonNode finding = inner.has("detail") ? inner.get("detail") : inner;
        ObjectNode event = NODES.objectNode();
        event.put("version", "0");
        event.put("id", "1b2c3d4e-0000-4000-8000-000000000002");
        event.put("detail-type", "Security Hub Findings - Imported");
        event.put("source", "aws.securityhub");
        event.put("account", "123456789012");
        event.put("time", "2026-01-01T00:00:00Z");
        event.put("region", "us-east-1");
        event.putArray("resources");
        event.putObject("detail").putArray("findings").add(finding);
        return event;
    }
}
