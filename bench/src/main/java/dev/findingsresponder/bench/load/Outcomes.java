package dev.findingsresponder.bench.load;

import java.util.Map;
import java.util.TreeMap;

/** Counts of action requests by action, and of results by action and outcome, as read back. */
final class Outcomes {

    private Outcomes() {
    }

    static void print(StageRecorder recorder) {
        Map<String, Integer> requests = new TreeMap<>();
        Map<String, Integer> results = new TreeMap<>();
        synchronized (recorder) {
            recorder.requested.forEach(r -> requests.merge(String.valueOf(r.action()), 1, Integer::sum));
            recorder.results.forEach(r -> results.merge(r.action() + " " + r.outcome(), 1, Integer::sum));
        }
        System.out.println();
        System.out.println("action requests by action: " + requests);
        System.out.println("action results by action and outcome: " + results);
    }
}
