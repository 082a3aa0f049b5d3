package dev.findingsresponder.triage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.findingsresponder.triage.config.TriageConfig;
import dev.findingsresponder.triage.score.IpLists;
import dev.findingsresponder.triage.score.Scorer;
import dev.findingsresponder.triage.score.ScoringSettings;

/** Builds the plain-Java triage parts from configuration. */
@ApplicationScoped
public class TriageBeans {

    @Produces
    @Singleton
    IpLists ipLists(TriageConfig config) {
        List<IpLists.ListDefinition> definitions = new ArrayList<>();
        config.lists().threat().forEach((name, sources) ->
                definitions.add(new IpLists.ListDefinition(name, IpLists.Kind.THREAT, sources)));
        config.lists().trusted().forEach((name, sources) ->
                definitions.add(new IpLists.ListDefinition(name, IpLists.Kind.TRUSTED, sources)));
        return new IpLists(definitions);
    }

    @Produces
    @Singleton
    Scorer scorer(TriageConfig config, IpLists lists) {
        return new Scorer(settings(config.scoring()), lists);
    }

    @Produces
    @Singleton
    RepeatTracker repeatTracker(TriageConfig config) {
        TriageConfig.Repeats repeats = config.repeats();
        return new RepeatTracker(repeats.window(), repeats.escalateAt(), repeats.capacity(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    TriageEngine engine(PolicyHolder policies, Scorer scorer, RepeatTracker repeats, IpLists lists, TriageConfig config) {
        ActionPlanner planner = new ActionPlanner(lists, config.maxBlockAddressesPerFinding());
        return new TriageEngine(policies::active, scorer, repeats, planner, config.selfIdentities(), Clock.systemUTC());
    }

    static ScoringSettings settings(TriageConfig.Scoring scoring) {
        ScoringSettings defaults = ScoringSettings.defaults();
        Map<String, Map<String, Integer>> tags = scoring.tagWeights().isEmpty() ? defaults.tagWeights() : scoring.tagWeights();
        Map<Long, Integer> repeats = scoring.repeatPoints().isEmpty() ? defaults.repeatPoints() : scoring.repeatPoints();
        return new ScoringSettings(scoring.pointsPerSeverity(), tags, scoring.publicExposurePoints(),
                scoring.threatListPoints(), scoring.trustedListPoints(), scoring.exploitAvailablePoints(),
                scoring.fixAvailablePoints(), repeats, defaults.samplePoints());
    }
}
