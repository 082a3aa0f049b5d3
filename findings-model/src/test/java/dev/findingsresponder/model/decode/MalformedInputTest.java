package dev.findingsresponder.model.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedInputTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not-json.json                      | NOT_JSON            | input is not valid JSON: Unrecognized token 'This'
            truncated-event.json               | NOT_JSON            | Unexpected end-of-input
            trailing-garbage.json              | NOT_JSON            | Unexpected close marker
            array-of-numbers.json              | NOT_AN_EVENT        | expected a JSON object at the root, got array
            json-string.json                   | NOT_AN_EVENT        | expected a JSON object at the root, got string "GuardDuty Finding"
            empty-object.json                  | NOT_AN_EVENT        | not an EventBridge event
            sns-subscription-confirmation.json | NOT_AN_EVENT        | Type: SNS message of type "SubscriptionConfirmation"
            missing-detail.json                | MISSING_FIELD       | missing required field detail
            missing-id.json                    | MISSING_FIELD       | missing required field detail.id
            detail-not-object.json             | WRONG_TYPE          | detail: expected an object, got array
            wrong-type-severity.json           | WRONG_TYPE          | detail.severity: expected a number, got string "high"
            severity-out-of-range.json         | WRONG_TYPE          | detail.severity: expected a number from 0 to 10, got number 42
            asff-bad-severity-label.json       | WRONG_TYPE          | detail.findings[0].Severity.Label: expected one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL, got string "SEVERE"
            unknown-source.json                | UNKNOWN_SOURCE      | source: "aws.macie" is not a supported source
            unknown-detail-type.json           | UNKNOWN_DETAIL_TYPE | detail-type: "Inspector2 Scan" from aws.inspector2 carries no finding (accepted: Inspector2 Finding)
            empty-findings.json                | NO_FINDINGS         | detail.findings is empty
            """)
    void rejectedWithReasonAndFieldNamingDetail(String file, RejectReason reason, String detail) {
        NormalizeResult.Rejected r = Fixtures.rejected("malformed/" + file);
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.detail()).contains(detail);
    }
}
