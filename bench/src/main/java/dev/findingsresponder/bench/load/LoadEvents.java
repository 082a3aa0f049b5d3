package dev.findingsresponder.bench.load;

import java.util.ArrayList;
import java.util.List;

import dev.findingsresponder.model.drill.DrillEvent;
import dev.findingsresponder.model.drill.DrillGenerator;
import dev.findingsresponder.model.drill.DrillSpec;
import dev.findingsresponder.model.drill.DrillType;

/**
 * The events the tools produce, made up front (so generating them costs nothing during the run) with findings-model's
 * drill generator: realistic EventBridge "GuardDuty Finding" events marked as samples.
 */
final class LoadEvents {

    /** Ten member accounts, used round-robin by the load run. */
    static final List<String> ACCOUNTS = List.of("111111111111", "222222222222", "333333333333", "444444444444",
            "555555555555", "666666666666", "777777777777", "888888888888", "999999999999", "123456789012");

    private LoadEvents() {
    }

    /**
     * {@code count} SSH brute-force findings, each about its own made-up instance, so no two share triage's repeat key
     * (type, resource, address) and every one is a first alert; addresses from the documentation ranges.
     */
    static List<LoadEvent> distinctFindings(int count) {
        return distinctFindings(DrillType.SSH_BRUTE_FORCE, count);
    }

    /** {@link #distinctFindings(int)} of another type (the storm warms up with findings no playbook acts on). */
    static List<LoadEvent> distinctFindings(DrillType type, int count) {
        List<LoadEvent> events = new ArrayList<>(count);
        DrillGenerator generator = new DrillGenerator();
        int left = count;
        while (left > 0) {
            int n = Math.min(left, DrillSpec.MAX_EVENTS);
            DrillSpec spec = new DrillSpec(type, n, ACCOUNTS, null, null, null, null, 1);
            generator.iterator(spec).forEachRemaining(e -> events.add(of(e)));
            left -= n;
        }
        return events;
    }

    /**
     * The storm: {@code findings} SSH brute-force findings against one instance from exactly {@code addresses}
     * attacker addresses, each address reported {@code findings / addresses} times (round-robin, so every address's
     * findings spread over the whole storm). Every finding has its own id, as separate GuardDuty findings would.
     */
    static List<LoadEvent> storm(int findings, List<String> addresses, String account, String instanceId) {
        int rounds = (findings + addresses.size() - 1) / addresses.size();
        List<List<LoadEvent>> perAddress = new ArrayList<>(addresses.size());
        DrillGenerator generator = new DrillGenerator();
        for (String address : addresses) {
            DrillSpec spec = new DrillSpec(DrillType.SSH_BRUTE_FORCE, rounds, List.of(account), null,
                    List.of(address), List.of(instanceId), null, 1);
            perAddress.add(generator.generate(spec).stream().map(LoadEvents::of).toList());
        }
        List<LoadEvent> events = new ArrayList<>(findings);
        for (int round = 0; round < rounds && events.size() < findings; round++) {
            for (int a = 0; a < addresses.size() && events.size() < findings; a++) {
                events.add(perAddress.get(a).get(round));
            }
        }
        return events;
    }

    /**
     * {@code count} distinct attacker addresses from the documentation ranges only, so nothing real is ever named:
     * the 762 host addresses of TEST-NET-1/2/3 first, then 2001:db8:bad::/48 (IPv6) for the rest.
     */
    static List<String> documentationAddresses(int count) {
        List<String> addresses = new ArrayList<>(count);
        for (String net : List.of("192.0.2.", "198.51.100.", "203.0.113.")) {
            for (int host = 1; host <= 254 && addresses.size() < count; host++) {
                addresses.add(net + host);
            }
        }
        for (int i = 1; addresses.size() < count; i++) {
            addresses.add("2001:db8:bad::" + Integer.toHexString(i));
        }
        return addresses;
    }

    private static LoadEvent of(DrillEvent event) {
        return new LoadEvent(event.eventId(), event.attacker(), event.toJson());
    }
}
