package dev.findingsresponder.opsauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final String KEY_A = "aaaaaaaaaaaaaaaa-1";
    private static final String KEY_B = "bbbbbbbbbbbbbbbb-2";
    private static final String KEY_C = "cccccccccccccccc-3";

    @Test
    void namedAndBareKeysGetTheirPrincipalAndRoles() {
        ApiKeys keys = ApiKeys.parse(List.of(" alice:" + KEY_A + " "), List.of(KEY_B, "bob@example.org:" + KEY_C));

        assertThat(keys.find(KEY_A)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("alice");
            assertThat(c.roles()).containsExactly(OperatorRoles.VIEWER);
        });
        assertThat(keys.find(KEY_B)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("operator-1");
            assertThat(c.roles()).containsExactlyInAnyOrder(OperatorRoles.VIEWER, OperatorRoles.OPERATOR);
        });
        assertThat(keys.find(KEY_C)).map(ApiKeys.Caller::name).hasValue("bob@example.org");
        assertThat(keys.names(OperatorRoles.VIEWER)).containsExactly("alice");
        assertThat(keys.names(OperatorRoles.OPERATOR)).containsExactly("operator-1", "bob@example.org");
    }

    @Test
    void aBareViewerKeyIsNamedByItsPosition() {
        ApiKeys keys = ApiKeys.parse(List.of("", KEY_A), List.of());

        assertThat(keys.find(KEY_A)).hasValue(new ApiKeys.Caller("viewer-2", Set.of(OperatorRoles.VIEWER)));
    }

    @Test
    void unknownEmptyOrNearlyRightKeysAreNotFound() {
        ApiKeys keys = ApiKeys.parse(List.of(KEY_A), List.of("ops:" + KEY_B));

        assertThat(keys.find(KEY_C)).isEmpty();
        assertThat(keys.find(KEY_A + "x")).isEmpty();
        assertThat(keys.find(KEY_A.substring(1))).isEmpty();
        assertThat(keys.find("ops:" + KEY_B)).as("the name is not part of the key").isEmpty();
        assertThat(keys.find("")).isEmpty();
        assertThat(keys.find(null)).isEmpty();
    }

    @Test
    void noKeysFindsNobody() {
        ApiKeys keys = ApiKeys.parse(List.of(), List.of());

        assertThat(keys.isEmpty()).isTrue();
        assertThat(keys.find(KEY_A)).isEmpty();
    }

    @Test
    void aShortKeyIsRejectedWithoutShowingIt() {
        assertThatThrownBy(() -> ApiKeys.parse(List.of(KEY_A), List.of("ops:short-secret-15")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1 of ops.api.operator-keys (ops)")
                .hasMessageContaining("shorter than 16 characters")
                .hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> ApiKeys.parse(List.of("fifteen-chars-x"), List.of()))
                .hasMessageContaining("entry 1 of ops.api.viewer-keys (viewer-1)");
    }

    @Test
    void theSameKeyInBothListsIsRejected() {
        assertThatThrownBy(() -> ApiKeys.parse(List.of("alice:" + KEY_A), List.of(KEY_B, "bob:" + KEY_A)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2 of ops.api.operator-keys (bob) is the same key as entry 1 of"
                        + " ops.api.viewer-keys (alice)")
                .hasMessageNotContaining(KEY_A);
    }

    @Test
    void theSameKeyTwiceInOneListIsRejected() {
        assertThatThrownBy(() -> ApiKeys.parse(List.of(), List.of(KEY_B, KEY_B)))
                .hasMessageContaining("entry 2 of ops.api.operator-keys (operator-2) is the same key as entry 1");
    }

    @Test
    void anInvalidNameIsRejectedWithoutEchoingIt() {
        // a bare key with ':' reads as name:key; its first part must not appear in the message
        assertThatThrownBy(() -> ApiKeys.parse(List.of("secret part/one:" + KEY_A), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1 of ops.api.viewer-keys")
                .hasMessageContaining("not a valid name")
                .hasMessageNotContaining("secret part");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThatThrownBy(() -> ApiKeys.parse(List.of("short"), List.of("also-short", KEY_A, KEY_A)))
                .hasMessageContaining("entry 1 of ops.api.viewer-keys")
                .hasMessageContaining("entry 1 of ops.api.operator-keys")
                .hasMessageContaining("entry 3 of ops.api.operator-keys");
    }

    @Test
    void toStringShowsNamesOnly() {
        ApiKeys keys = ApiKeys.parse(List.of("alice:" + KEY_A), List.of(KEY_B));

        assertThat(keys.toString()).contains("alice", "operator-1").doesNotContain(KEY_A, KEY_B);
    }

    @Test
    void aKeyShapedLikeAJwtIsRejectedWithoutShowingIt() {
        String jwtLike = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        assertThatThrownBy(() -> ApiKeys.parse(List.of(), List.of("ops:" + jwtLike)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1 of ops.api.operator-keys (ops)")
                .hasMessageContaining("shape of a JWT")
                .hasMessageNotContaining(jwtLike);
    }
}
