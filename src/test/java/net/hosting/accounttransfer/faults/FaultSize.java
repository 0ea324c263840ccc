package net.hosting.accounttransfer.faults;

/**
 * The size a fault scenario runs at: {@code -Dfaults.size=full} (the default, the figures in docs/faults.md) or
 * {@code -Dfaults.size=small} (what CI runs, to stay within its time budget).
 */
final class FaultSize {

    private FaultSize() {
    }

    static boolean small() {
        String size = System.getProperty("faults.size", "full");
        return switch (size) {
            case "full" -> false;
            case "small" -> true;
            default -> throw new IllegalArgumentException("faults.size must be full or small, not " + size);
        };
    }

    /** The full figure, or the reduced one when CI runs the suite. */
    static int pick(int full, int small) {
        return small() ? small : full;
    }
}
