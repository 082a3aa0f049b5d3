package dev.findingsresponder.response;

import org.jboss.logging.Logger;

import dev.findingsresponder.model.ActionRequest;
import dev.findingsresponder.model.ActionResult;
import dev.findingsresponder.model.ActionResult.Outcome;
import dev.findingsresponder.response.action.ActionOutcome;
import dev.findingsresponder.response.action.ResponseAction;
import dev.findingsresponder.response.action.SnsNotifyAction;
import dev.findingsresponder.response.aws.AwsClients;

/**
 * Tells the playbook's topic ({@code notify-topic-arn}) how an action went, success or failure: every action whose
 * schema offers the parameter (the blocks and isolate-instance). A failed notification is logged and never changes
 * the action's result.
 */
final class OutcomeNotifier {

    private static final Logger LOG = Logger.getLogger(OutcomeNotifier.class);
    private static final String NOTIFY_TOPIC_PARAM = "notify-topic-arn";

    private final SnsNotifyAction sns;
    private final AwsClients clients;

    OutcomeNotifier(SnsNotifyAction sns, AwsClients clients) {
        this.sns = sns;
        this.clients = clients;
    }

    void notifyIfAsked(ActionRequest request, ResponseAction plugin, ActionResult result) {
        Object topic = request.params().get(NOTIFY_TOPIC_PARAM);
        if (plugin.schema().param(NOTIFY_TOPIC_PARAM).isEmpty() || !(topic instanceof String topicArn)
                || topicArn.isBlank()) {
            return;
        }
        try {
            ActionOutcome notified = sns.notifyOutcome(result, topicArn, clients);
            if (notified.outcome() == Outcome.FAILED) {
                LOG.warnf("notifying %s of %s %s failed: %s", topicArn, result.requestId(), result.outcome(),
                        notified.detail());
            }
        } catch (RuntimeException e) {
            LOG.warnf("notifying %s of %s %s failed: %s", topicArn, result.requestId(), result.outcome(),
                    RetryPolicy.describe(e));
        }
    }
}
