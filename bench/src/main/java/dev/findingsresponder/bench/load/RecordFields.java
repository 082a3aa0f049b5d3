package dev.findingsresponder.bench.load;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Pulls a few string fields out of a record's JSON with a streaming parser that stops once it has them all: the load
 * generator reads every record of four topics on the same two cores as the services, so it must not build trees.
 * The first occurrence of each name at any depth wins; callers pick names that occur once or first where they mean.
 */
final class RecordFields {

    private static final JsonFactory JSON = new JsonFactory();

    private RecordFields() {
    }

    /** The string (or number as text) values of {@code names} in the order given; null where absent. */
    static String[] of(byte[] json, List<String> names) {
        String[] values = new String[names.size()];
        int missing = names.size();
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token;
            while (missing > 0 && (token = parser.nextToken()) != null) {
                if (token != JsonToken.FIELD_NAME) {
                    continue;
                }
                int index = names.indexOf(parser.currentName());
                JsonToken value = parser.nextToken();
                if (index >= 0 && values[index] == null && value != null && value.isScalarValue()
                        && value != JsonToken.VALUE_NULL) {
                    values[index] = parser.getText();
                    missing--;
                }
            }
        } catch (IOException e) {
            Arrays.fill(values, null);
        }
        return values;
    }
}
