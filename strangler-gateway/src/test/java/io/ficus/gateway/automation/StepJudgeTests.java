package io.ficus.gateway.automation;

import java.time.Duration;
import java.util.List;

import io.ficus.gateway.automation.StepJudge.Outcome;
import io.ficus.gateway.automation.StepJudge.Verdict;
import io.ficus.gateway.plan.AutomationPolicy;
import io.ficus.gateway.plan.AutomationPolicy.Step;
import io.ficus.gateway.plan.AutomationPolicy.Thresholds;
import io.ficus.gateway.plan.Stage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision on one step's window, figure by figure. */
class StepJudgeTests {

    static final Step CANARY_25 = new Step(Stage.CANARY, 25);
    static final Step SHADOW = new Step(Stage.SHADOW, 0);

    static AutomationPolicy policy(Double errorIncrease, Double p99Ratio, Double mismatchRate) {
        return new AutomationPolicy(List.of(SHADOW, CANARY_25, new Step(Stage.LIVE, 100)), Duration.ofSeconds(60), 100,
                new Thresholds(errorIncrease, p99Ratio, mismatchRate, Duration.ofMillis(20)));
    }

    /** 60 s elapsed, 100 service and 300 legacy requests, the given errors and p99s, no shadow evidence. */
    static WindowFigures figures(long serviceErrors, double serviceP99, double legacyP99) {
        return new WindowFigures("canary 25", 60_000, 100, serviceErrors, 300, 3, serviceP99, legacyP99, null, null);
    }

    @Test
    void promotesWhenTimeRequestsAndEveryThresholdHold() {
        Verdict verdict = StepJudge.judge(policy(2.0, 1.5, null), CANARY_25, figures(2, 40, 30), false);

        assertThat(verdict.outcome()).isEqualTo(Outcome.PROMOTE);
        assertThat(verdict.why()).isEqualTo("promoted from canary 25 after 60 s and 100 service requests: service "
                + "error rate 2 % against legacy's 1 % (+1 points, max 2); p99 40 ms against legacy's 30 ms "
                + "(ratio 1.33, max 1.5)");
    }

    @Test
    void rollsBackOnAnErrorRateAboveLegacysByMoreThanAllowedNamingTheFigures() {
        Verdict verdict = StepJudge.judge(policy(2.0, 1.5, null), CANARY_25, figures(4, 40, 30), false);

        assertThat(verdict.outcome()).isEqualTo(Outcome.ROLL_BACK);
        assertThat(verdict.why()).isEqualTo("rolled back from canary 25: service error rate 4 % against legacy's 1 % "
                + "(+3 points, max 2)");
    }

    @Test
    void rollsBackOnASlowP99ButTreatsLatenciesUnderTheFloorAsEqual() {
        assertThat(StepJudge.judge(policy(null, 1.5, null), CANARY_25, figures(0, 90, 30), false).outcome())
                .isEqualTo(Outcome.ROLL_BACK);
        // 3 ms against 1 ms is three times slower, and both under the 20 ms floor: noise
        assertThat(StepJudge.judge(policy(null, 1.5, null), CANARY_25, figures(0, 3, 1), false).outcome())
                .isEqualTo(Outcome.PROMOTE);
    }

    @Test
    void neitherPromotesNorRollsBackBeforeMinRequests() {
        WindowFigures few = new WindowFigures("canary 25", 120_000, 99, 99, 300, 0, 900, 10, null, null);

        Verdict verdict = StepJudge.judge(policy(2.0, 1.5, null), CANARY_25, few, false);

        assertThat(verdict.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(verdict.why()).contains("99 of min-requests 100 service requests")
                .contains("cannot judge error rate (needs 100 service requests)");
    }

    @Test
    void waitsForMinDurationButRollsBackAtOnce() {
        WindowFigures early = new WindowFigures("canary 25", 5_000, 100, 0, 300, 0, 10, 10, null, null);
        assertThat(StepJudge.judge(policy(2.0, null, null), CANARY_25, early, false).why())
                .isEqualTo("waiting on canary 25: 5 s of min-duration 60 s; holding: service error rate 0 % against "
                        + "legacy's 0 % (+0 points, max 2)");

        WindowFigures earlyAndFailing = new WindowFigures("canary 25", 5_000, 100, 50, 300, 0, 10, 10, null, null);
        assertThat(StepJudge.judge(policy(2.0, null, null), CANARY_25, earlyAndFailing, false).outcome())
                .isEqualTo(Outcome.ROLL_BACK);
    }

    @Test
    void waitsWhenLegacyGaveNoLatencyToCompareWith() {
        WindowFigures noLegacy = new WindowFigures("canary 25", 60_000, 100, 0, 0, 0, 10, Double.NaN, null, null);

        Verdict verdict = StepJudge.judge(policy(null, 1.5, null), CANARY_25, noLegacy, false);

        assertThat(verdict.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(verdict.why()).contains("cannot judge p99 ratio (legacy answered no request in this step)");
    }

    @Test
    void neverPromotesBlindlyOnAMismatchThresholdWithoutShadowEvidence() {
        Verdict verdict = StepJudge.judge(policy(null, null, 1.0), CANARY_25, figures(0, 10, 10), false);

        assertThat(verdict.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(verdict.why()).contains("cannot judge mismatch rate (this gateway has no shadow evidence)");
    }

    @Test
    void judgesAShadowStepOnComparedExchanges() {
        WindowFigures matching = new WindowFigures("shadow", 60_000, 0, 0, 400, 0, Double.NaN, 10, 400L, 2L);
        WindowFigures differing = new WindowFigures("shadow", 60_000, 0, 0, 400, 0, Double.NaN, 10, 400L, 20L);
        WindowFigures few = new WindowFigures("shadow", 60_000, 0, 0, 400, 0, Double.NaN, 10, 40L, 0L);

        assertThat(StepJudge.judge(policy(2.0, 1.5, 1.0), SHADOW, matching, true).why())
                .isEqualTo("promoted from shadow after 60 s and 400 compared exchanges: mismatch rate 0.5 % of 400 "
                        + "compared (max 1 %)");
        assertThat(StepJudge.judge(policy(2.0, 1.5, 1.0), SHADOW, differing, true).why())
                .isEqualTo("rolled back from shadow: mismatch rate 5 % of 400 compared (max 1 %)");
        assertThat(StepJudge.judge(policy(2.0, 1.5, 1.0), SHADOW, few, true).why())
                .contains("40 of min-requests 100 compared exchanges");
    }

    @Test
    void aCanaryStepWithNothingComparedIsNotHeldByTheMismatchThreshold() {
        WindowFigures nothingCompared = new WindowFigures("canary 25", 60_000, 100, 0, 300, 0, 10, 10, 0L, 0L);

        assertThat(StepJudge.judge(policy(null, null, 1.0), CANARY_25, nothingCompared, true).outcome())
                .isEqualTo(Outcome.PROMOTE);
    }
}
