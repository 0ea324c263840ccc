package net.hosting.accounttransfer.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing production setting into Boot's short start-up report instead of a wall of stack trace. */
class ProductionSettingFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSettingMissing> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionSettingMissing cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
