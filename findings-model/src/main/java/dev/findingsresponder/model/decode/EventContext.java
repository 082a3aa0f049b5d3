package dev.findingsresponder.model.decode;

import dev.findingsresponder.model.Finding;
import dev.findingsresponder.model.InputForm;
import java.time.Instant;

/** What is known about the input around a finding: envelope fields and the raw bytes' identity. */
record EventContext(
        String eventId,
        String eventSource,
        String detailType,
        Instant eventTime,
        String envelopeAccount,
        String envelopeRegion,
        InputForm form,
        String sha256,
        int sizeBytes) {

    Finding.RawRef raw(int index) {
        return new Finding.RawRef(eventId, sha256, sizeBytes, form, eventSource, detailType, eventTime,
                envelopeAccount, index);
    }

    EventContext withForm(InputForm newForm) {
        return new EventContext(eventId, eventSource, detailType, eventTime, envelopeAccount, envelopeRegion,
                newForm, sha256, sizeBytes);
    }
}
