package dev.findingsresponder.response.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every response action plug-in by name. Adding an action is one {@link ResponseAction} class, its
 * schema in {@code ActionCatalog}, and one line here.
 */
public final class ActionRegistry {

    private final Map<String, ResponseAction> actions = new LinkedHashMap<>();

    public ActionRegistry(List<ResponseAction> plugins) {
        for (ResponseAction plugin : plugins) {
            if (actions.putIfAbsent(plugin.name(), plugin) != null) {
                throw new IllegalArgumentException("two plug-ins named " + plugin.name());
            }
        }
    }

    /** The five built-in actions with their default settings. */
    public static ActionRegistry defaults() {
        return new ActionRegistry(List.of(
                new NaclDenyAction(),
                new WafBlockAction(),
                new SnsNotifyAction(),
                new SsmRemediateAction(),
                new IsolateInstanceAction()));
    }

    public Optional<ResponseAction> find(String name) {
        return Optional.ofNullable(actions.get(name));
    }

    public List<ResponseAction> all() {
        return List.copyOf(actions.values());
    }
}
