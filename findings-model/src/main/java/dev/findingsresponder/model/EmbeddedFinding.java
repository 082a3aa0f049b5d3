package dev.findingsresponder.model;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * One finding's JSON, written once and copied into every record that embeds that finding (the triaged record
 * and each of its action requests): the bytes are exactly those of writing each record in full, at the cost
 * of one finding instead of one per record. Only the very instance given is copied; any other finding in a
 * record is written as usual.
 */
public final class EmbeddedFinding {

    private static final Object ATTRIBUTE = EmbeddedFinding.class;

    private final Finding finding;
    private final SerializedString json;

    private EmbeddedFinding(Finding finding, SerializedString json) {
        this.finding = finding;
        this.json = json;
    }

    /** Writes {@code finding} now, for the records to come. */
    public static EmbeddedFinding of(Finding finding) {
        try {
            return new EmbeddedFinding(finding, new SerializedString(FindingCodec.mapper().writeValueAsString(finding)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize finding " + finding.id(), e);
        }
    }

    /** {@code record} (a {@link TriagedFinding}, an {@link ActionRequest}, ...) as JSON, this finding copied in. */
    public byte[] write(Object record) {
        try {
            return FindingCodec.mapper().writer().withAttribute(ATTRIBUTE, this).writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + record.getClass().getSimpleName(), e);
        }
    }

    /** Lets the codec's mapper copy an embedded finding when a write names one. */
    static SimpleModule module() {
        return new SimpleModule("embedded-finding").setSerializerModifier(new BeanSerializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                                                      JsonSerializer<?> serializer) {
                return description.getBeanClass() == Finding.class
                        ? new Copying((JsonSerializer<Finding>) serializer) : serializer;
            }
        });
    }

    /** Copies the embedded finding, or hands over to the finding's own serializer (resolved as usual). */
    private static final class Copying extends StdSerializer<Finding> implements ResolvableSerializer,
            ContextualSerializer {
        private final JsonSerializer<Finding> written;

        Copying(JsonSerializer<Finding> written) {
            super(Finding.class);
            this.written = written;
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (written instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            if (written instanceof ContextualSerializer contextual) {
                JsonSerializer<?> contextualized = contextual.createContextual(provider, property);
                return contextualized == written ? this : new Copying((JsonSerializer<Finding>) contextualized);
            }
            return this;
        }

        @Override
        public void serializeWithType(Finding value, JsonGenerator gen, SerializerProvider provider,
                                      TypeSerializer typeSerializer) throws IOException {
            written.serializeWithType(value, gen, provider, typeSerializer);
        }

        @Override
        public void serialize(Finding value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (provider.getAttribute(ATTRIBUTE) instanceof EmbeddedFinding embedded && embedded.finding == value
                    && gen.getPrettyPrinter() == null) {
                gen.writeRawValue(embedded.json);
            } else {
                written.serialize(value, gen, provider);
            }
        }
    }
}
