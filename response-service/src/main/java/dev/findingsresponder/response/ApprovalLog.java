package dev.findingsresponder.response;

import java.util.List;

/**
 * Where requests parked for approval persist, so a restart or a rolling deploy neither forgets them nor lets them
 * escape their expiry: {@code response.state} in the service, nothing in unit tests ({@link #NONE}).
 */
public interface ApprovalLog {

    /** Keeps nothing: parked requests live as long as the process. */
    ApprovalLog NONE = new ApprovalLog() {
        @Override
        public List<PendingApprovals.Pending> readParked() {
            return List.of();
        }

        @Override
        public void parked(PendingApprovals.Pending pending) {
        }

        @Override
        public void decided(String requestId) {
        }
    };

    /** Every request still parked (the latest record per request, decided ones dropped). */
    List<PendingApprovals.Pending> readParked();

    /** Records a parked request; returns once it is durable. */
    void parked(PendingApprovals.Pending pending);

    /** Records that the request is no longer parked (approved, rejected or expired); returns once it is durable. */
    void decided(String requestId);
}
