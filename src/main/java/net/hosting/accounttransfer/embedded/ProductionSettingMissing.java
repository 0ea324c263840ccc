package net.hosting.accounttransfer.embedded;

/** A production setting the operator must give; reported as one plain line by {@link ProductionSettingFailureAnalyzer}. */
class ProductionSettingMissing extends IllegalStateException {

    private final String action;

    ProductionSettingMissing(String description, String action) {
        super(description);
        this.action = action;
    }

    String action() {
        return action;
    }
}
