package dev.remotestore.gcs;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables the contract tests that a test server cannot check, each with the reason, so the test
 * report lists them as skipped with that reason (never as passed). Register it on the suite that
 * runs against the server; the same tests then run against a live service elsewhere.
 */
final class LiveGcsOnly implements ExecutionCondition {
    private final Map<String, String> reasonByTestMethod;

    /** @param reasonByTestMethod contract test method name -> why the server cannot check it */
    LiveGcsOnly(Map<String, String> reasonByTestMethod) {
        this.reasonByTestMethod = Map.copyOf(Objects.requireNonNull(reasonByTestMethod, "reasonByTestMethod is null"));
    }

    /** The method names this condition disables. */
    Map<String, String> reasons() {
        return reasonByTestMethod;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        if (method.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a test method");
        }
        String reason = reasonByTestMethod.get(method.get().getName());
        return reason == null
                ? ConditionEvaluationResult.enabled("the fake can check this")
                : ConditionEvaluationResult.disabled("runs only against live GCS (EnvGcsStoreContractTest, RS_GCS_BUCKET): " + reason);
    }
}
